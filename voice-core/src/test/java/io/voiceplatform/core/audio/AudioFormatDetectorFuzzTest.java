package io.voiceplatform.core.audio;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.voiceplatform.api.AudioFormat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the detector every upload passes through: it never throws, decides on the first
 * {@link AudioFormatDetector#HEAD_BYTES} alone (the API hands it no more), and never names a container
 * whose signature is not there. Seeds: src/test/resources/.../AudioFormatDetectorFuzzTestInputs.
 */
class AudioFormatDetectorFuzzTest {

    // No @Timeout: JUnit would apply it to a whole fuzzing run, not to one input. The detector reads a fixed
    // number of bytes and has no loop over the input, so it cannot hang.
    @FuzzTest(maxDuration = "60s")
    void namesOnlyContainersWhoseSignatureIsThere(byte[] bytes) {
        Optional<AudioFormat> format = AudioFormatDetector.detect(bytes);
        byte[] head = Arrays.copyOf(bytes, Math.min(bytes.length, AudioFormatDetector.HEAD_BYTES));
        assertEquals(format, AudioFormatDetector.detect(head), "decided beyond the head");
        assertNotEquals(Optional.of(AudioFormat.PCM), format, "raw PCM has no signature");
        format.ifPresent(f -> assertTrue(hasSignature(f, bytes), f + " without its signature"));
    }

    /** The magic numbers, written out independently of the detector's code. */
    private static boolean hasSignature(AudioFormat format, byte[] b) {
        return switch (format) {
            case WAV -> ascii(b, 0, "RIFF") && ascii(b, 8, "WAVE");
            case FLAC -> ascii(b, 0, "fLaC");
            case OGG_OPUS -> ascii(b, 0, "OggS") && !ascii(b, 29, "vorbis");
            case OGG_VORBIS -> ascii(b, 0, "OggS") && ascii(b, 29, "vorbis");
            case WEBM -> b.length >= 4 && (b[0] & 0xFF) == 0x1A && (b[1] & 0xFF) == 0x45 && (b[2] & 0xFF) == 0xDF && (b[3] & 0xFF) == 0xA3;
            case M4A -> ascii(b, 4, "ftyp");
            case MP3 -> ascii(b, 0, "ID3") || (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0);
            case AAC -> b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xF6) == 0xF0;
            default -> false;
        };
    }

    private static boolean ascii(byte[] b, int at, String text) {
        byte[] want = text.getBytes(StandardCharsets.US_ASCII);
        return b.length >= at + want.length && Arrays.equals(b, at, at + want.length, want, 0, want.length);
    }
}
