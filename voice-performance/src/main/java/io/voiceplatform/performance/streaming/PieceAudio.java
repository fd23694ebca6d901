package io.voiceplatform.performance.streaming;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * How separately synthesized pieces of one text join into one stream. MP3 frames, ADTS AAC frames, raw PCM
 * and chained Ogg streams play back to back as they are; WAV pieces lose their headers behind a single
 * streaming header whose sizes are placeholders, as streaming encoders write (the total is not known yet).
 * FLAC and the container formats cannot be joined, so their texts are not split.
 */
final class PieceAudio {
    /** What streaming WAV writers put in the size fields; players read to the end of the stream. */
    static final int STREAMING_SIZE = 0x7FFFF000;
    private static final Set<AudioFormat> JOINABLE = EnumSet.of(AudioFormat.MP3, AudioFormat.AAC, AudioFormat.PCM,
            AudioFormat.OGG_OPUS, AudioFormat.WAV);

    private PieceAudio() {
    }

    static boolean joinable(AudioFormat format) {
        return JOINABLE.contains(format);
    }

    /** The bytes of one piece as they go into the stream: the first WAV piece with a streaming header. */
    static byte[] bytes(Audio audio, boolean first) {
        if (audio.format() != AudioFormat.WAV) {
            return audio.toByteArray();
        }
        byte[] wav = audio.toByteArray();
        int data = dataOffset(wav);
        byte[] pcm = Arrays.copyOfRange(wav, data, wav.length);
        if (!first) {
            return pcm;
        }
        byte[] out = new byte[data + pcm.length];
        System.arraycopy(wav, 0, out, 0, data);
        ByteBuffer header = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(4, STREAMING_SIZE + data - 8);
        header.putInt(data - 4, STREAMING_SIZE);
        System.arraycopy(pcm, 0, out, data, pcm.length);
        return out;
    }

    /** Where the samples of a RIFF WAVE file start: after the header of its {@code data} chunk. */
    static int dataOffset(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || !"RIFF".equals(ascii(wav, 0)) || !"WAVE".equals(ascii(wav, 8))) {
            throw new IllegalArgumentException("not a RIFF WAVE file");
        }
        int pos = 12;
        while (pos + 8 <= wav.length) {
            long size = b.getInt(pos + 4) & 0xFFFFFFFFL;
            if ("data".equals(ascii(wav, pos))) {
                return pos + 8;
            }
            pos += 8 + (int) Math.min(size + (size & 1), wav.length);
        }
        throw new IllegalArgumentException("WAV without a data chunk");
    }

    private static String ascii(byte[] bytes, int at) {
        return new String(bytes, at, 4, StandardCharsets.US_ASCII);
    }
}
