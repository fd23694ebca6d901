package io.voiceplatform.tools.validate;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends silence to a PCM WAV so that the same speech becomes different bytes (a different cache key). The
 * chunks are walked rather than a 44-byte header assumed: the data chunk grows, the RIFF and data sizes are
 * rewritten, and chunks after the data (LIST, ...) are kept. A data size larger than the file (streaming
 * encoders write placeholders) counts as running to the end.
 */
final class WavPadding {
    private WavPadding() {
    }

    static boolean isWav(byte[] bytes) {
        return bytes.length >= 12 && tag(bytes, 0, "RIFF") && tag(bytes, 8, "WAVE");
    }

    /** The WAV with {@code frames} frames of silence after its audio. */
    static byte[] withSilence(byte[] wav, int frames) {
        if (!isWav(wav)) {
            throw new IllegalArgumentException("not a RIFF/WAVE file");
        }
        ByteBuffer in = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int blockAlign = 0;
        int bits = 16;
        int position = 12;
        while (position + 8 <= wav.length) {
            long size = Integer.toUnsignedLong(in.getInt(position + 4));
            int body = position + 8;
            if (tag(wav, position, "fmt ") && body + 16 <= wav.length) {
                blockAlign = in.getShort(body + 12) & 0xFFFF;
                bits = in.getShort(body + 14) & 0xFFFF;
            } else if (tag(wav, position, "data")) {
                if (blockAlign == 0) {
                    throw new IllegalArgumentException("the WAV data comes before its format");
                }
                int length = (int) Math.min(size, wav.length - body);
                length -= length % blockAlign;
                return rebuilt(wav, position, body, length, silence(frames * blockAlign, bits));
            }
            position = body + (int) Math.min(size + (size & 1), wav.length);
        }
        throw new IllegalArgumentException("the WAV file has no data chunk");
    }

    private static byte[] rebuilt(byte[] wav, int dataChunk, int dataBody, int dataLength, byte[] silence) {
        int newLength = dataLength + silence.length;
        int after = dataBody + dataLength + (dataLength & 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(wav.length + silence.length + 2);
        out.write(wav, 0, dataChunk);
        out.writeBytes("data".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(littleEndian(newLength));
        out.write(wav, dataBody, dataLength);
        out.writeBytes(silence);
        if ((newLength & 1) == 1) {
            out.write(0);
        }
        if (after < wav.length) {
            out.write(wav, after, wav.length - after);
        }
        byte[] result = out.toByteArray();
        System.arraycopy(littleEndian(result.length - 8), 0, result, 4, 4);
        return result;
    }

    /** 8-bit PCM is unsigned, so its silence is 0x80; wider samples are signed, silence is 0. */
    private static byte[] silence(int bytes, int bits) {
        byte[] silence = new byte[bytes];
        if (bits == 8) {
            Arrays.fill(silence, (byte) 0x80);
        }
        return silence;
    }

    private static byte[] littleEndian(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    private static boolean tag(byte[] bytes, int at, String tag) {
        return at + 4 <= bytes.length && new String(bytes, at, 4, StandardCharsets.US_ASCII).equals(tag);
    }
}
