package io.voiceplatform.providers.google;

import io.voiceplatform.providers.testkit.MockProviderServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import com.fasterxml.jackson.databind.JsonNode;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.VoiceException;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static io.voiceplatform.providers.testkit.MockProviderServer.json;
import static io.voiceplatform.providers.testkit.MockProviderServer.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exact requests of {@code POST /v1/text:synthesize} and how its answers are read, against a local server. */
@Timeout(20)
class TestGoogleTtsProvider {
    private static final byte[] MP3 = {(byte) 0xFF, (byte) 0xF3, 0x44, (byte) 0xC4, 1, 2, 3, 4};

    @RegisterExtension
    final MockProviderServer mock = TestingGoogle.mockServer();
    private MockWebServer server;
    private TtsProvider tts;

    @BeforeEach
    void create() {
        server = mock.server();
        tts = mock.tts(Map.of());
    }

    @Test
    void postsTheTextVoiceAndAudioConfigAndDecodesTheAudio() throws Exception {
        server.enqueue(json(200, "synthesize-mp3.json"));

        SynthesizedSpeech speech = synthesize(SpeechRequest.of("Hello \"there\"", AudioFormat.MP3));

        RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("POST", sent.getMethod());
        assertEquals("/v1/text:synthesize", sent.getPath());
        assertEquals(TestingGoogle.KEY, sent.getHeader("X-Goog-Api-Key"));
        assertNull(sent.getHeader("Authorization"));
        assertEquals("application/json; charset=utf-8", sent.getHeader("Content-Type"));
        assertEquals("{\"input\":{\"text\":\"Hello \\\"there\\\"\"},\"voice\":{\"languageCode\":\"en-US\",\"name\":\"en-US-Wavenet-F\"},"
                + "\"audioConfig\":{\"audioEncoding\":\"MP3\",\"speakingRate\":1.0}}", sent.getBody().readUtf8());
        assertArrayEquals(MP3, speech.audio().toByteArray());
        assertEquals(AudioFormat.MP3, speech.audio().format());
        assertEquals("google", speech.provider());
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({"WAV, LINEAR16", "PCM, LINEAR16", "MP3, MP3", "OGG_OPUS, OGG_OPUS"})
    void asksForEachFormatWithItsEncoding(AudioFormat format, String encoding) throws Exception {
        server.enqueue(json(200, format == AudioFormat.WAV || format == AudioFormat.PCM
                ? "synthesize-linear16.json" : "synthesize-mp3.json"));

        SynthesizedSpeech speech = synthesize(SpeechRequest.of("Hi", format));

        assertEquals(encoding, TestingGoogle.body(server.takeRequest(1, TimeUnit.SECONDS)).path("audioConfig").path("audioEncoding").asText());
        assertEquals(format, speech.audio().format());
    }

    @Test
    void linear16IsWavAsItComesAndRawPcmWithoutItsHeader() {
        byte[] wav = Base64.getDecoder().decode(TestingGoogle.body(fixture("synthesize-linear16.json"))
                .path("audioContent").asText());
        server.enqueue(json(200, "synthesize-linear16.json"));
        server.enqueue(json(200, "synthesize-linear16.json"));

        SynthesizedSpeech asWav = synthesize(SpeechRequest.of("Hi", AudioFormat.WAV));
        SynthesizedSpeech asPcm = synthesize(SpeechRequest.of("Hi", AudioFormat.PCM));

        assertArrayEquals(wav, asWav.audio().toByteArray());
        assertEquals(24_000, asWav.audio().sampleRate().getAsInt());
        assertArrayEquals(Arrays.copyOfRange(wav, 44, wav.length), asPcm.audio().toByteArray());
        assertEquals(24_000, asPcm.audio().sampleRate().getAsInt());
        assertEquals(1, asPcm.audio().channels().getAsInt());
        assertEquals(Duration.ofNanos(16 * 1_000_000_000L / 48_000), asPcm.duration());
        assertEquals(asPcm.duration(), asWav.duration());
    }

    @Test
    void sendsTheRequestedSpeedAsTheSpeakingRate() throws Exception {
        server.enqueue(json(200, "synthesize-mp3.json"));
        server.enqueue(json(200, "synthesize-mp3.json"));

        synthesize(SpeechRequest.of("Hi", AudioFormat.MP3).withSpeed(0.25));
        synthesize(SpeechRequest.of("Hi", AudioFormat.MP3).withSpeed(4.0));

        assertEquals(0.25, TestingGoogle.body(server.takeRequest(1, TimeUnit.SECONDS)).path("audioConfig").path("speakingRate").asDouble());
        assertEquals(4.0, TestingGoogle.body(server.takeRequest(1, TimeUnit.SECONDS)).path("audioConfig").path("speakingRate").asDouble());
    }

    @ParameterizedTest(name = "voice {0} in {1}: {2} {3}")
    @CsvSource({
            "ru-RU-Wavenet-A, auto, ru-RU, ru-RU-Wavenet-A",
            "en-US-Neural2-F, en, en-US, en-US-Neural2-F",
            "en-US-Chirp3-HD-Aoede, en-US, en-US, en-US-Chirp3-HD-Aoede",
            "cmn-CN-Wavenet-B, zh, cmn-CN, cmn-CN-Wavenet-B",
            "alloy, auto, en-US, en-US-Wavenet-C",
            "ONYX, ru, ru-RU, ru-RU-Wavenet-D",
            "echo, uk-UA, uk-UA, uk-UA-Wavenet-A",
            ", de, de-DE, de-DE-Wavenet-A",
            ", en, en-US, en-US-Wavenet-F",
            ", zh-TW, cmn-TW, cmn-TW-Wavenet-A"})
    void speaksTheNamedVoiceOrTheOneItMapsTo(String voice, String language, String code, String name) throws Exception {
        server.enqueue(json(200, "synthesize-mp3.json"));

        synthesize(SpeechRequest.of("Hi", AudioFormat.MP3).withVoice(voice).withLanguage(language));

        JsonNode selection = TestingGoogle.body(server.takeRequest(1, TimeUnit.SECONDS)).path("voice");
        assertEquals(code, selection.path("languageCode").asText());
        assertEquals(name, selection.path("name").asText());
        assertTrue(selection.path("ssmlGender").isMissingNode());
    }

    @Test
    void aLanguageWithoutBuiltInVoicesLetsGooglePickByGender() throws Exception {
        tts.close();
        tts = create(Map.of("tts-languages", "bn-IN,en-US"));
        server.enqueue(json(200, "synthesize-mp3.json"));
        server.enqueue(json(200, "synthesize-mp3.json"));

        synthesize(SpeechRequest.of("Hi", AudioFormat.MP3).withVoice("verse").withLanguage("bn"));
        synthesize(SpeechRequest.of("Hi", AudioFormat.MP3).withLanguage("bn-IN"));

        assertEquals("{\"languageCode\":\"bn-IN\",\"ssmlGender\":\"MALE\"}",
                TestingGoogle.body(server.takeRequest(1, TimeUnit.SECONDS)).path("voice").toString());
        assertEquals("{\"languageCode\":\"bn-IN\"}", TestingGoogle.body(server.takeRequest(1, TimeUnit.SECONDS)).path("voice").toString());
        assertEquals(List.of("bn-IN", "en-US"), tts.capabilities().languages().stream().sorted().toList());
    }

    @Test
    void refusesWhatGoogleCannotDoBeforeAnyCall() {
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Hi", AudioFormat.FLAC)).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Hi", AudioFormat.WEBM)).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Hi", AudioFormat.MP3).withVoice("kevin16")).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Hi", AudioFormat.MP3).withVoice("en-US-JennyNeural")).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Hi", AudioFormat.MP3).withVoice("aura-asteria-en")).kind());
        assertEquals(ErrorKind.UNSUPPORTED,
                failure(SpeechRequest.of("Привет", AudioFormat.MP3).withVoice("en-US-Wavenet-F").withLanguage("ru")).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Hi", AudioFormat.MP3).withLanguage("tlh")).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Hi", AudioFormat.MP3).withVoice("alloy").withLanguage("sw")).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("ж".repeat(2501), AudioFormat.MP3)).kind(), "5002 bytes");
        assertEquals(0, server.getRequestCount());
        assertFalse(tts.capabilities().outputFormats().contains(AudioFormat.FLAC));
        assertTrue(tts.capabilities().voices().isEmpty(), "any Google voice name is taken");
        assertFalse(tts.capabilities().supportsLanguage("sw-KE"));
        assertTrue(tts.capabilities().supportsLanguage("ru"));
        assertEquals(5000, tts.capabilities().maxTextChars());
    }

    @Test
    void takesFiveThousandBytesOfText() throws Exception {
        server.enqueue(json(200, "synthesize-mp3.json"));

        synthesize(SpeechRequest.of("ж".repeat(2500), AudioFormat.MP3).withLanguage("ru"));

        assertEquals(2500, TestingGoogle.body(server.takeRequest(1, TimeUnit.SECONDS)).path("input").path("text").asText().length());
    }

    @Test
    void anAnswerWithoutUsableAudioIsAProviderError() {
        server.enqueue(new MockResponse().setBody("not json"));
        server.enqueue(new MockResponse().setBody("{}"));
        server.enqueue(new MockResponse().setBody("{\"audioContent\": \"\"}"));
        server.enqueue(new MockResponse().setBody("{\"audioContent\": \"%%% not base64 %%%\"}"));
        server.enqueue(new MockResponse().setBody("{\"audioContent\": 42}"));

        for (int i = 0; i < 5; i++) {
            assertEquals(ErrorKind.PROVIDER_ERROR, failure(SpeechRequest.of("Hi", AudioFormat.MP3)).kind());
        }
        server.enqueue(json(200, "synthesize-mp3.json"));
        VoiceException notWav = failure(SpeechRequest.of("Hi", AudioFormat.PCM));
        assertEquals(ErrorKind.PROVIDER_ERROR, notWav.kind());
        assertTrue(notWav.getMessage().contains("not a 16-bit PCM WAV"), notWav.getMessage());
    }

    private TtsProvider create(Map<String, String> overrides) {
        return mock.tts(overrides);
    }

    private SynthesizedSpeech synthesize(SpeechRequest request) {
        return tts.synthesize(request).toCompletableFuture().join();
    }

    private VoiceException failure(SpeechRequest request) {
        CompletionException e = assertThrows(CompletionException.class, () -> synthesize(request));
        assertTrue(e.getCause() instanceof VoiceException, String.valueOf(e.getCause()));
        assertFalse(e.getCause().getMessage().contains(TestingGoogle.KEY));
        return (VoiceException) e.getCause();
    }
}
