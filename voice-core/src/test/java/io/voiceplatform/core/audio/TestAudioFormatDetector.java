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

    /** Real files as espeak-ng, sox and ffmpeg write them; Ogg Vorbis and Ogg Opus told apart by the first packet. */
    @org.junit.jupiter.api.Test
    void realRecordingsAreWhatTheirNamesSay() {
        java.util.Map<String, AudioFormat> byPrefix = java.util.Map.of("wav", AudioFormat.WAV, "mp3", AudioFormat.MP3,
                "mpga", AudioFormat.MP3, "mpeg", AudioFormat.MP3, "m4a", AudioFormat.M4A, "mp4", AudioFormat.M4A,
                "flac", AudioFormat.FLAC, "webm", AudioFormat.WEBM);
        for (java.nio.file.Path file : io.voiceplatform.core.testing.TestingAudioFiles.helloWorld()) {
            String name = file.getFileName().toString();
            AudioFormat expected = name.endsWith("vorbis.ogg") ? AudioFormat.OGG_VORBIS
                    : name.endsWith("opus.ogg") ? AudioFormat.OGG_OPUS : byPrefix.get(name.substring(0, name.indexOf('-')));
            byte[] bytes = io.voiceplatform.core.testing.TestingAudioFiles.bytes(file);
            assertEquals(Optional.of(expected), AudioFormatDetector.detect(java.util.Arrays.copyOf(bytes, AudioFormatDetector.HEAD_BYTES)), name);
        }
    }
}
