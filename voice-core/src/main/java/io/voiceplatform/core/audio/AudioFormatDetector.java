package io.voiceplatform.core.audio;

import io.voiceplatform.api.AudioFormat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Tells an audio container from its first bytes, so that a declared format (a file name, a part's content
 * type) is never trusted on its own. Raw PCM has no signature and is never detected.
 */
public final class AudioFormatDetector {
    /** Bytes needed to tell every supported format apart. */
    public static final int HEAD_BYTES = 64;

    private AudioFormatDetector() {
    }

    public static Optional<AudioFormat> detect(byte[] head) {
        if (head == null || head.length < 4) {
            return Optional.empty();
        }
        if (startsWith(head, 0, "RIFF") && head.length >= 12 && startsWith(head, 8, "WAVE")) {
            return Optional.of(AudioFormat.WAV);
        }
        if (startsWith(head, 0, "fLaC")) {
            return Optional.of(AudioFormat.FLAC);
        }
        if (startsWith(head, 0, "OggS")) {
            // The first page holds the codec's identification packet: 0x01 "vorbis" for Vorbis, "OpusHead" for Opus.
            return Optional.of(startsWith(head, 29, "vorbis") ? AudioFormat.OGG_VORBIS : AudioFormat.OGG_OPUS);
        }
        if ((head[0] & 0xFF) == 0x1A && (head[1] & 0xFF) == 0x45 && (head[2] & 0xFF) == 0xDF && (head[3] & 0xFF) == 0xA3) {
            return Optional.of(AudioFormat.WEBM);
        }
        if (head.length >= 8 && startsWith(head, 4, "ftyp")) {
            return Optional.of(AudioFormat.M4A);
        }
        if (startsWith(head, 0, "ID3") || isMpegAudioFrame(head)) {
            return Optional.of(AudioFormat.MP3);
        }
        if (isAdtsFrame(head)) {
            return Optional.of(AudioFormat.AAC);
        }
        return Optional.empty();
    }

    /** An MPEG-1/2/2.5 Layer I-III frame header; ADTS AAC (layer bits 00) is not one. */
    private static boolean isMpegAudioFrame(byte[] b) {
        int b0 = b[0] & 0xFF;
        int b1 = b[1] & 0xFF;
        int b2 = b[2] & 0xFF;
        boolean sync = b0 == 0xFF && (b1 & 0xE0) == 0xE0;
        int version = (b1 >> 3) & 0x3;
        int layer = (b1 >> 1) & 0x3;
        int bitrate = (b2 >> 4) & 0xF;
        int sampleRate = (b2 >> 2) & 0x3;
        return sync && version != 1 && layer != 0 && bitrate != 0xF && sampleRate != 0x3;
    }

    /** ADTS AAC: the MPEG sync word with layer bits 00 and a valid sampling index. */
    private static boolean isAdtsFrame(byte[] b) {
        int b1 = b[1] & 0xFF;
        int samplingIndex = ((b[2] & 0xFF) >> 2) & 0xF;
        return (b[0] & 0xFF) == 0xFF && (b1 & 0xF6) == 0xF0 && samplingIndex < 13;
    }

    private static boolean startsWith(byte[] data, int offset, String ascii) {
        byte[] want = ascii.getBytes(StandardCharsets.US_ASCII);
        if (data.length < offset + want.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (data[offset + i] != want[i]) {
                return false;
            }
        }
        return true;
    }
}
