package io.voiceplatform.providers.google;

import io.voiceplatform.providers.testkit.MockProviderServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import com.fasterxml.jackson.databind.JsonNode;
import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TimedText;
import io.voiceplatform.api.TimestampDetail;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static io.voiceplatform.providers.testkit.MockProviderServer.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exact requests of {@code POST /v1/speech:recognize} and how each documented answer is read, against a local server. */
@Timeout(20)
class TestGoogleSttProvider {
    @RegisterExtension
    final MockProviderServer mock = TestingGoogle.mockServer();
    private MockWebServer server;
    private SttProvider stt;

    @BeforeEach
    void create() {
        server = mock.server();
        stt = mock.stt(Map.of());
    }

    @Test
    void postsTheAudioAsBase64WithItsEncodingLanguageModelAndPunctuation() throws Exception {
        server.enqueue(json(200, "recognize-success.json"));
        Audio wav = TestingGoogle.wav();

        Transcript t = transcribe(TranscriptionRequest.of(wav).withLanguage("en-US"));

        RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("POST", sent.getMethod());
        assertEquals("/v1/speech:recognize", sent.getPath());
        assertEquals(TestingGoogle.KEY, sent.getHeader("X-Goog-Api-Key"));
        assertNull(sent.getHeader("Authorization"));
        assertEquals("application/json; charset=utf-8", sent.getHeader("Content-Type"));
        JsonNode body = TestingGoogle.body(sent);
        JsonNode config = body.path("config");
        assertEquals("LINEAR16", config.path("encoding").asText());
        assertEquals(16_000, config.path("sampleRateHertz").asInt());
        assertEquals(1, config.path("audioChannelCount").asInt());
        assertEquals("en-US", config.path("languageCode").asText());
        assertEquals("default", config.path("model").asText());
        assertTrue(config.path("enableAutomaticPunctuation").asBoolean());
        assertTrue(config.path("enableWordTimeOffsets").isMissingNode(), "word offsets only when asked for");
        assertArrayEquals(wav.toByteArray(), Base64.getDecoder().decode(body.path("audio").path("content").asText()));
        assertEquals(List.of("audio", "config"), body.properties().stream().map(Map.Entry::getKey).sorted().toList());

        assertEquals("how old is the Brooklyn Bridge", t.text());
        assertEquals("en-US", t.language());
        assertEquals(0.98267895, t.confidence().getAsDouble(), 1e-9);
        assertEquals(Duration.ofMillis(100), t.duration(), "the length of the clip, not the billed time");
        assertEquals("google", t.provider());
        assertEquals("default", t.model());
    }

    @Test
    void sendsRawPcmAsLinear16WithTheRateAndChannelsOfTheAudio() throws Exception {
        server.enqueue(json(200, "recognize-success.json"));
        Audio pcm = Audio.of(new byte[3200], AudioFormat.PCM, 8_000, 2);

        transcribe(TranscriptionRequest.of(pcm).withLanguage("en"));

        JsonNode body = TestingGoogle.body(server.takeRequest(1, TimeUnit.SECONDS));
        assertEquals("LINEAR16", body.path("config").path("encoding").asText());
        assertEquals(8_000, body.path("config").path("sampleRateHertz").asInt());
        assertEquals(2, body.path("config").path("audioChannelCount").asInt());
        assertArrayEquals(new byte[3200], Base64.getDecoder().decode(body.path("audio").path("content").asText()), "no header added");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "stereo 44.1 kHz WAV, LINEAR16, 44100, 2",
            "mu-law WAV, MULAW, 8000, 1",
            "FLAC, FLAC, 48000, 2",
            "Ogg Opus recorded at 16 kHz, OGG_OPUS, 16000, 1",
            "Ogg Opus recorded at 44.1 kHz, OGG_OPUS, 48000, 2"})
    void tellsGoogleTheEncodingRateAndChannelsTheContainerHolds(String clip, String encoding, int rate, int channels) throws Exception {
        Audio audio = switch (clip) {
            case "stereo 44.1 kHz WAV" -> TestingGoogle.wav(1, 2, 44_100, 16, 1764);
            case "mu-law WAV" -> TestingGoogle.wav(7, 1, 8_000, 8, 800);
            case "FLAC" -> TestingGoogle.flac(48_000, 2, 24, 48_000);
            case "Ogg Opus recorded at 16 kHz" -> TestingGoogle.oggOpus(1, 16_000, 48_312);
            default -> TestingGoogle.oggOpus(2, 44_100, 48_312);
        };
        server.enqueue(json(200, "recognize-success.json"));

        Transcript t = transcribe(TranscriptionRequest.of(audio).withLanguage("en-US"));

        JsonNode config = TestingGoogle.body(server.takeRequest(1, TimeUnit.SECONDS)).path("config");
        assertEquals(encoding, config.path("encoding").asText());
        assertEquals(rate, config.path("sampleRateHertz").asInt());
        assertEquals(channels, config.path("audioChannelCount").asInt());
        assertTrue(t.duration().compareTo(Duration.ZERO) > 0, "the length read from the header: " + t.duration());
    }

    @Test
    void refusesWhatSynchronousRecognitionCannotTakeBeforeAnyCall() {
        byte[] mp3 = {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x44, 0, 0, 0, 0};
        List<Audio> refused = List.of(
                Audio.of(mp3, AudioFormat.MP3),
                Audio.of(new byte[64], AudioFormat.WEBM),
                Audio.of(new byte[64], AudioFormat.M4A),
                TestingGoogle.wav(1, 1, 16_000, 24, 4800),
                TestingGoogle.wav(3, 1, 16_000, 32, 6400),
                Audio.of("not a wav file at all".getBytes(), AudioFormat.WAV),
                Audio.of("OggS but vorbis".getBytes(), AudioFormat.OGG_OPUS),
                Audio.of(new byte[64], AudioFormat.FLAC),
                Audio.of(new byte[61 * 32_000], AudioFormat.PCM, 16_000, 1),
                TestingGoogle.oggOpus(1, 48_000, 61L * 48_000 + 312),
                Audio.of(new byte[(int) GoogleSttProvider.MAX_AUDIO_BYTES + 2], AudioFormat.PCM, 48_000, 2));
        for (Audio audio : refused) {
            VoiceException e = failure(TranscriptionRequest.of(audio).withLanguage("en-US"));
            assertEquals(ErrorKind.UNSUPPORTED, e.kind(), audio + ": " + e.getMessage());
        }
        assertEquals(0, server.getRequestCount());
        assertFalse(stt.capabilities().inputFormats().contains(AudioFormat.MP3));
        assertEquals(List.of(AudioFormat.WAV, AudioFormat.OGG_OPUS, AudioFormat.FLAC, AudioFormat.PCM),
                stt.capabilities().inputFormats().stream().sorted().toList());
        assertEquals(GoogleSttProvider.MAX_AUDIO_BYTES, stt.capabilities().maxAudioBytes());
    }

    @Test
    void transcribesAutoAsTheDefaultLanguageAndReportsTheOneGoogleNames() throws Exception {
        server.enqueue(json(200, "recognize-success.json"));
        server.enqueue(json(200, "recognize-russian.json"));

        Transcript english = transcribe(TranscriptionRequest.of(TestingGoogle.wav()));
        stt.close();
        stt = create(Map.of("default-language", "ru"));
        Transcript russian = transcribe(TranscriptionRequest.of(TestingGoogle.wav()));

        assertEquals("en-US", TestingGoogle.body(server.takeRequest(1, TimeUnit.SECONDS)).path("config").path("languageCode").asText());
        assertEquals("ru-RU", TestingGoogle.body(server.takeRequest(1, TimeUnit.SECONDS)).path("config").path("languageCode").asText());
        assertEquals("en-US", english.language());
        assertEquals("ru-RU", russian.language());
        assertEquals("Привет, мир.", russian.text());
    }

    @ParameterizedTest(name = "{0} is sent as {1}")
    @CsvSource({"ru, ru-RU", "ru-RU, ru-RU", "pt, pt-BR", "en-GB, en-GB", "zh, cmn-Hans-CN", "zh-TW, cmn-Hant-TW", "kk-KZ, kk-KZ"})
    void sendsEachLanguageAsTheLocaleGoogleKnows(String language, String code) throws Exception {
        server.enqueue(json(200, "recognize-no-speech.json"));

        Transcript t = transcribe(TranscriptionRequest.of(TestingGoogle.wav()).withLanguage(language));

        assertEquals(code, TestingGoogle.body(server.takeRequest(1, TimeUnit.SECONDS)).path("config").path("languageCode").asText());
        assertEquals(GoogleLanguages.platformTag(code), t.language());
    }

    @Test
    void refusesALanguageItIsNotConfiguredForBeforeAnyCall() {
        assertEquals(ErrorKind.UNSUPPORTED, failure(TranscriptionRequest.of(TestingGoogle.wav()).withLanguage("en-ZA")).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(TranscriptionRequest.of(TestingGoogle.wav()).withLanguage("sw")).kind());
        assertEquals(0, server.getRequestCount());
        assertFalse(stt.capabilities().supportsLanguage("sw-KE"));
        assertTrue(stt.capabilities().supportsLanguage("ru"));
        assertTrue(stt.capabilities().supportsLanguage("uz-UZ"));
    }

    @Test
    void usesTheModelTheRequestNamesWhenGoogleHasIt() throws Exception {
        server.enqueue(json(200, "recognize-success.json"));
        server.enqueue(json(200, "recognize-success.json"));

        Transcript chosen = transcribe(TranscriptionRequest.of(TestingGoogle.wav()).withLanguage("en").withModelHint(Optional.of("latest_long")));
        Transcript fallback = transcribe(TranscriptionRequest.of(TestingGoogle.wav()).withLanguage("en").withModelHint(Optional.of("whisper-1")));

        assertEquals("latest_long", TestingGoogle.body(server.takeRequest(1, TimeUnit.SECONDS)).path("config").path("model").asText());
        assertEquals("default", TestingGoogle.body(server.takeRequest(1, TimeUnit.SECONDS)).path("config").path("model").asText());
        assertEquals("latest_long", chosen.model());
        assertEquals("default", fallback.model());
        assertEquals("default", stt.capabilities().models().get(0));
    }

    @Test
    void asksForWordOffsetsWhenWordsAreWantedAndReadsThem() throws Exception {
        server.enqueue(json(200, "recognize-word-offsets.json"));

        Transcript t = transcribe(TranscriptionRequest.of(TestingGoogle.wav()).withLanguage("en-US").withTimestampDetail(TimestampDetail.WORD));

        assertTrue(TestingGoogle.body(server.takeRequest(1, TimeUnit.SECONDS)).path("config").path("enableWordTimeOffsets").asBoolean());
        assertEquals(6, t.words().size());
        assertEquals(new TimedText(0, 0.3, "how"), t.words().get(0));
        assertEquals(new TimedText(0.9, 1.3, "Brooklyn"), t.words().get(4));
        assertTrue(t.segments().isEmpty());
    }

    @Test
    void makesASegmentOfEachResult() throws Exception {
        server.enqueue(json(200, "recognize-two-results.json"));

        Transcript t = transcribe(TranscriptionRequest.of(TestingGoogle.wav()).withLanguage("en-US").withTimestampDetail(TimestampDetail.SEGMENT));

        assertTrue(TestingGoogle.body(server.takeRequest(1, TimeUnit.SECONDS)).path("config").path("enableWordTimeOffsets").isMissingNode());
        assertEquals("Good morning. See you soon.", t.text());
        assertEquals(List.of(new TimedText(0, 1.2, "Good morning."), new TimedText(1.2, 3.45, "See you soon.")), t.segments());
        assertEquals(0.85, t.confidence().getAsDouble(), 1e-9);
    }

    @Test
    void anEmptyAnswerMeansNoSpeech() throws Exception {
        server.enqueue(json(200, "recognize-no-speech.json"));

        Transcript t = transcribe(TranscriptionRequest.of(TestingGoogle.wav()).withLanguage("de"));

        assertEquals("", t.text());
        assertEquals("de-DE", t.language());
        assertTrue(t.confidence().isEmpty());
        assertEquals(Duration.ofMillis(100), t.duration());
    }

    @Test
    void anAnswerThatCannotBeReadIsAProviderError() {
        server.enqueue(new MockResponse().setResponseCode(200).setBody("<html>gateway</html>"));
        server.enqueue(new MockResponse().setResponseCode(200).setBody("[]"));
        server.enqueue(new MockResponse().setResponseCode(200).setBody("{\"results\": {\"transcript\": \"x\"}}"));
        server.enqueue(new MockResponse().setResponseCode(200).setBody(
                "{\"results\": [{\"alternatives\": [{\"transcript\": \"x\"}], \"resultEndTime\": \"soon\"}]}"));

        for (int i = 0; i < 4; i++) {
            VoiceException e = failure(TranscriptionRequest.of(TestingGoogle.wav()).withLanguage("en"));
            assertEquals(ErrorKind.PROVIDER_ERROR, e.kind(), e.getMessage());
        }
    }

    private SttProvider create(Map<String, String> overrides) {
        return mock.stt(overrides);
    }

    private Transcript transcribe(TranscriptionRequest request) {
        return stt.transcribe(request).toCompletableFuture().join();
    }

    private VoiceException failure(TranscriptionRequest request) {
        CompletionException e = assertThrows(CompletionException.class, () -> transcribe(request));
        assertTrue(e.getCause() instanceof VoiceException, String.valueOf(e.getCause()));
        VoiceException failure = (VoiceException) e.getCause();
        assertFalse(failure.getMessage().contains(TestingGoogle.KEY), "the key leaked: " + failure.getMessage());
        return failure;
    }
}
