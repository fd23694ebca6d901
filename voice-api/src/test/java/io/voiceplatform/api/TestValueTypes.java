package io.voiceplatform.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestValueTypes {
    @Test
    void audioOwnsItsBytes() {
        byte[] bytes = {1, 2, 3};
        Audio audio = Audio.of(bytes, AudioFormat.WAV);
        bytes[0] = 9;
        assertEquals(1, audio.toByteArray()[0], "changing the caller's array must not change the audio");
        audio.toByteArray()[1] = 9;
        assertEquals(2, audio.toByteArray()[1], "changing a copy must not change the audio");
        assertTrue(audio.asByteBuffer().isReadOnly());
        assertThrows(VoiceException.class, () -> Audio.of(bytes, AudioFormat.PCM), "raw PCM needs rate and channels");
        assertEquals(Audio.of(new byte[]{1, 2, 3}, AudioFormat.WAV), audio);
    }

    @Test
    void formatsParseFromTheirNamesAndAliases() {
        assertEquals(Optional.of(AudioFormat.OGG_OPUS), AudioFormat.fromId("opus"));
        assertEquals(Optional.of(AudioFormat.OGG_OPUS), AudioFormat.fromId("OGG"));
        assertEquals(Optional.of(AudioFormat.AAC), AudioFormat.fromId("aac"));
        assertEquals(Optional.of(AudioFormat.M4A), AudioFormat.fromId("mp4"));
        assertEquals(Optional.empty(), AudioFormat.fromId("docx"));
        assertEquals(Optional.empty(), AudioFormat.fromId(null));
    }

    @Test
    void speechRequestsRejectWhatNoProviderCouldSay() {
        assertEquals("input", assertThrows(VoiceException.class, () -> SpeechRequest.of(" \n\t", AudioFormat.WAV)).param().orElseThrow());
        assertEquals("input", assertThrows(VoiceException.class, () -> SpeechRequest.of("a\0b", AudioFormat.WAV)).param().orElseThrow());
        for (double speed : new double[]{0, -1, 0.24, 4.01, Double.NaN, Double.POSITIVE_INFINITY}) {
            VoiceException e = assertThrows(VoiceException.class, () -> SpeechRequest.of("hi", AudioFormat.WAV).withSpeed(speed));
            assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
            assertEquals("speed", e.param().orElseThrow());
        }
        assertEquals(4.0, SpeechRequest.of("hi", AudioFormat.WAV).withSpeed(4.0).speed());
        assertEquals("🙂 שלום", SpeechRequest.of("🙂 שלום", AudioFormat.WAV).text(), "emoji and right-to-left text are valid");
    }

    @Test
    void transcriptionRequestsNormalizeLanguage() {
        Audio audio = Audio.of(new byte[]{1}, AudioFormat.WAV);
        assertEquals("ru-RU", TranscriptionRequest.of(audio).withLanguage("ru_ru").language());
        assertEquals(Language.AUTO, TranscriptionRequest.of(audio).withLanguage("").language());
        assertEquals("language", assertThrows(VoiceException.class,
                () -> TranscriptionRequest.of(audio).withLanguage("not a tag!")).param().orElseThrow());
        assertThrows(VoiceException.class, () -> TranscriptionRequest.of(Audio.of(new byte[0], AudioFormat.WAV)));
    }

    @Test
    void languagesMatchByPrimaryTagWhenOneSideIsBare() {
        assertTrue(Language.matches("en-US", "en"));
        assertTrue(Language.matches("en", "en-GB"));
        assertTrue(Language.matches("en-US", Language.AUTO));
        assertFalse(Language.matches("en-US", "en-GB"));
        assertFalse(Language.matches("en-US", "ru-RU"));
    }

    @Test
    void errorKindsSayWhatMayHelp() {
        assertFalse(ErrorKind.INVALID_REQUEST.fallbackAllowed());
        assertFalse(ErrorKind.AUTHENTICATION.retryable());
        assertTrue(ErrorKind.AUTHENTICATION.fallbackAllowed());
        assertTrue(ErrorKind.RATE_LIMITED.retryable());
        assertEquals(Optional.of(Duration.ofSeconds(3)), VoiceException.rateLimited("p", "slow", Duration.ofSeconds(3)).retryAfter());
    }

    @Test
    void transcriptsValidateWhatProvidersReturn() {
        assertThrows(IllegalArgumentException.class, () -> new Transcript("x", "en", OptionalDouble.of(1.5), Duration.ZERO,
                List.of(), List.of(), "p", "m"));
        assertThrows(IllegalArgumentException.class, () -> new TimedText(2, 1, "backwards"));
        Transcript t = new Transcript("x", null, null, null, null, null, "p", null);
        assertEquals(Language.AUTO, t.language());
        assertEquals(List.of(), t.segments());
    }

    @Test
    void capabilitiesAnswerWhatTheOrchestratorAsks() {
        ProviderCapabilities caps = ProviderCapabilities.builder().languages("en-US").voices("Alloy").build();
        assertTrue(caps.supportsVoice("alloy"));
        assertFalse(caps.supportsVoice("nobody"));
        assertTrue(caps.supportsLanguage("en"));
        assertTrue(ProviderCapabilities.builder().build().supportsLanguage("tr-TR"), "no languages listed means any");
    }

    @org.junit.jupiter.api.Test
    void capabilitiesOfSpi10StillBuildAndSayNothingOfPcmDurationOrSpeed() {
        ProviderCapabilities old = new ProviderCapabilities(java.util.Set.of(), java.util.Set.of(AudioFormat.WAV), java.util.Set.of(),
                java.util.Set.of(), java.util.List.of(), false, 10, 0);
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Optional.empty(), old.pcmInput());
        org.junit.jupiter.api.Assertions.assertEquals(java.time.Duration.ZERO, old.maxAudioDuration());
        org.junit.jupiter.api.Assertions.assertEquals(0, old.realTimeFactor());
        ProviderCapabilities declared = ProviderCapabilities.builder().pcmInput(PcmFormat.mono(16_000))
                .maxAudioDuration(java.time.Duration.ofMinutes(10)).realTimeFactor(0.5).build();
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Optional.of(new PcmFormat(16_000, 1)), declared.pcmInput());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new PcmFormat(4_000, 1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new PcmFormat(16_000, 0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ProviderCapabilities.builder().realTimeFactor(-1).build());
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Optional.of(AudioFormat.OGG_VORBIS), AudioFormat.fromId("vorbis"));
    }
}
