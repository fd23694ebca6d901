package io.voiceplatform.providers.google;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.VoiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WAV, FLAC and Ogg Opus headers, and the recognition config made of them. */
@Timeout(10)
class TestAudioHeaders {
    @Test
    void readsAPlainWavHeader() {
        WavHeader h = WavHeader.read(TestingGoogle.wav(1, 2, 44_100, 16, 176_400).asByteBuffer()).orElseThrow();

        assertEquals(new WavHeader(1, 2, 44_100, 16, 44, 176_400), h);
        assertEquals(Duration.ofSeconds(1), h.duration());
    }

    @Test
    void skipsOtherChunksReadsTheExtensibleSubFormatAndCutsAStreamedLength() {
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + 4 + 8 + 40 + 8 + 100).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(-1).put(ascii("WAVE"));
        b.put(ascii("LIST")).putInt(4).put(ascii("INFO"));
        b.put(ascii("fmt ")).putInt(40).putShort((short) 0xFFFE).putShort((short) 1).putInt(16_000).putInt(32_000)
                .putShort((short) 2).putShort((short) 16).putShort((short) 22).putShort((short) 16).putInt(4)
                .putShort((short) 1).put(new byte[14]);
        b.put(ascii("data")).putInt(-1).put(new byte[100]);

        WavHeader h = WavHeader.read(ByteBuffer.wrap(b.array())).orElseThrow();

        assertEquals(WavHeader.PCM, h.format());
        assertEquals(16_000, h.sampleRate());
        assertEquals(b.capacity() - 100, h.dataOffset());
        assertEquals(100, h.dataLength());
    }

    @Test
    void aFileWithoutChunksIsNoWav() {
        assertEquals(Optional.empty(), WavHeader.read(ByteBuffer.wrap(ascii("RIFF\0\0\0\0WAVE"))));
        assertEquals(Optional.empty(), WavHeader.read(ByteBuffer.wrap(ascii("ID3 then mp3 frames"))));
        assertEquals(Optional.empty(), WavHeader.read(ByteBuffer.wrap(new byte[3])));
    }

    @Test
    void readsFlacStreamInfo() {
        FlacStreamInfo info = FlacStreamInfo.read(TestingGoogle.flac(44_100, 2, 16, 88_200).asByteBuffer()).orElseThrow();

        assertEquals(new FlacStreamInfo(44_100, 2, 88_200), info);
        assertEquals(Duration.ofSeconds(2), info.duration());
        assertEquals(Optional.empty(), FlacStreamInfo.read(ByteBuffer.wrap(ascii("fLaC but short"))));
    }

    @Test
    void readsOpusHeadAndTheLengthFromTheLastGranule() {
        OggOpusHeader head = OggOpusHeader.read(TestingGoogle.oggOpus(2, 24_000, 3L * 48_000 + 312).asByteBuffer()).orElseThrow();

        assertEquals(new OggOpusHeader(2, 24_000, Duration.ofSeconds(3)), head);
        assertEquals(Optional.empty(), OggOpusHeader.read(ByteBuffer.wrap(ascii("OggS\0\2 then a vorbis header, not opus"))));
    }

    @Test
    void makesTheRecognitionConfigOfEachFormat() {
        assertEquals(new RecognitionAudio("LINEAR16", 16_000, 1, Duration.ofMillis(100)), RecognitionAudio.of(TestingGoogle.wav()));
        assertEquals(new RecognitionAudio("LINEAR16", 16_000, 1, Duration.ofMillis(100)), RecognitionAudio.of(TestingGoogle.pcm()));
        assertEquals(new RecognitionAudio("MULAW", 8_000, 1, Duration.ofSeconds(1)),
                RecognitionAudio.of(TestingGoogle.wav(7, 1, 8_000, 8, 8_000)));
        assertEquals(new RecognitionAudio("FLAC", 16_000, 1, Duration.ofSeconds(3)),
                RecognitionAudio.of(TestingGoogle.flac(16_000, 1, 16, 48_000)));
        assertEquals(new RecognitionAudio("OGG_OPUS", 48_000, 1, Duration.ofSeconds(1)),
                RecognitionAudio.of(TestingGoogle.oggOpus(1, 0, 48_312)));
    }

    @Test
    void refusesWhatGoogleCannotTake() {
        for (Audio audio : new Audio[] {TestingGoogle.wav(1, 1, 16_000, 24, 48), TestingGoogle.wav(3, 1, 16_000, 32, 64),
                Audio.of(new byte[8], AudioFormat.MP3), Audio.of(new byte[8], AudioFormat.AAC)}) {
            VoiceException e = assertThrows(VoiceException.class, () -> RecognitionAudio.of(audio));
            assertEquals(ErrorKind.UNSUPPORTED, e.kind());
            assertTrue(e.provider().isPresent());
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
