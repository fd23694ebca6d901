package io.voiceplatform.core.audio;

import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.core.testing.TestingAudio;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TestAudioFormatDetector {
    private static byte[] bytes(String ascii, int... tail) {
        byte[] head = ascii.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = Arrays.copyOf(head, head.length + tail.length + 16);
        for (int i = 0; i < tail.length; i++) {
            out[head.length + i] = (byte) tail[i];
        }
        return out;
    }

    @Test
    void detectsEveryContainerByItsSignature() {
        assertEquals(Optional.of(AudioFormat.WAV), AudioFormatDetector.detect(TestingAudio.wav(0.01, 100)));
        assertEquals(Optional.of(AudioFormat.MP3), AudioFormatDetector.detect(bytes("ID3", 4, 0)));
        assertEquals(Optional.of(AudioFormat.MP3), AudioFormatDetector.detect(new byte[]{(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64}));
        assertEquals(Optional.of(AudioFormat.OGG_OPUS), AudioFormatDetector.detect(bytes("OggS\0\2")));
        assertEquals(Optional.of(AudioFormat.FLAC), AudioFormatDetector.detect(bytes("fLaC")));
        assertEquals(Optional.of(AudioFormat.WEBM), AudioFormatDetector.detect(new byte[]{0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, 1}));
        assertEquals(Optional.of(AudioFormat.M4A), AudioFormatDetector.detect(bytes("\0\0\0\u0020ftypM4A ")));
    }

    @Test
    void rejectsWhatIsNotAudio() {
        assertEquals(Optional.empty(), AudioFormatDetector.detect(new byte[0]));
        assertEquals(Optional.empty(), AudioFormatDetector.detect(new byte[]{1}));
        assertEquals(Optional.empty(), AudioFormatDetector.detect(bytes("\u0089PNG\r\n\u001a\n")));
        assertEquals(Optional.empty(), AudioFormatDetector.detect(bytes("PK\u0003\u0004")));
        assertEquals(Optional.empty(), AudioFormatDetector.detect(bytes("RIFF\0\0\0\0AVI ")));
    }

    @Test
    void tellsAdtsAacFromMpegAudioThoughTheyShareTheSyncWord() {
        assertEquals(Optional.of(AudioFormat.AAC), AudioFormatDetector.detect(new byte[]{(byte) 0xFF, (byte) 0xF1, 0x50, (byte) 0x80}));
    }
}
