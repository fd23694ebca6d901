package io.voiceplatform.core.pipeline;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.core.testing.TestingAudio;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an upstream may answer 200 with, and which of it is speech. */
class TestSpeechAnswerCheck {
    private static SynthesizedSpeech speech(byte[] bytes, AudioFormat format) {
        return new SynthesizedSpeech(format == AudioFormat.PCM ? Audio.of(bytes, format, 24_000, 1) : Audio.of(bytes, format),
                Duration.ZERO, "upstream");
    }

    private static VoiceException refused(AudioFormat asked, byte[] bytes, AudioFormat declared) {
        VoiceException e = assertThrows(VoiceException.class, () -> SpeechAnswerCheck.checked(asked, speech(bytes, declared)));
        assertEquals(ErrorKind.PROVIDER_ERROR, e.kind(), "another provider may do better");
        assertEquals("upstream", e.provider().orElseThrow());
        return e;
    }

    private static byte[] mp3(int length) {
        byte[] bytes = new byte[length];
        bytes[0] = 'I';
        bytes[1] = 'D';
        bytes[2] = '3';
        return bytes;
    }

    @Test
    void realSpeechPasses() {
        SynthesizedSpeech wav = speech(TestingAudio.wav(0.1, 300), AudioFormat.WAV);
        assertSame(wav, SpeechAnswerCheck.checked(AudioFormat.WAV, wav));
        SynthesizedSpeech mp3 = speech(mp3(2000), AudioFormat.MP3);
        assertSame(mp3, SpeechAnswerCheck.checked(AudioFormat.MP3, mp3));
        SynthesizedSpeech pcm = speech(new byte[4800], AudioFormat.PCM);
        assertSame(pcm, SpeechAnswerCheck.checked(AudioFormat.PCM, pcm));
    }

    @Test
    void htmlJsonOrRandomBytesAnsweredAsAudioAreRefused() {
        byte[] html = "<!DOCTYPE html><html><body>502 Bad Gateway</body></html>".repeat(10).getBytes(StandardCharsets.UTF_8);
        assertTrue(refused(AudioFormat.MP3, html, AudioFormat.MP3).getMessage().contains("not mp3 audio"));
        byte[] json = "{\"error\":{\"message\":\"quota\"}}".repeat(10).getBytes(StandardCharsets.UTF_8);
        refused(AudioFormat.WAV, json, AudioFormat.WAV);
        byte[] random = new byte[5000];
        new java.util.Random(3).nextBytes(random);
        random[0] = 0;
        refused(AudioFormat.OGG_OPUS, random, AudioFormat.OGG_OPUS);
    }

    @Test
    void aTruncatedOrEmptyAnswerIsRefused() {
        assertTrue(refused(AudioFormat.MP3, mp3(12), AudioFormat.MP3).getMessage().contains("only 12 bytes"));
        byte[] headerOnly = Arrays.copyOf(TestingAudio.wav(0.1, 300), 44);
        assertTrue(refused(AudioFormat.WAV, headerOnly, AudioFormat.WAV).getMessage().contains("without samples"));
        refused(AudioFormat.PCM, new byte[0], AudioFormat.PCM);
        refused(AudioFormat.PCM, new byte[3], AudioFormat.PCM);
    }

    @Test
    void audioOfAnotherFormatIsRefused() {
        assertTrue(refused(AudioFormat.MP3, TestingAudio.wav(0.1, 300), AudioFormat.MP3).getMessage().contains("(they are wav)"));
        assertTrue(refused(AudioFormat.MP3, mp3(2000), AudioFormat.WAV).getMessage().contains("answered wav audio to a request for mp3"));
    }
}
