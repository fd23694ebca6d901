package io.voiceplatform.providers.elevenlabs;

import io.voiceplatform.providers.testkit.MockProviderServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.VoiceException;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exact requests of {@code POST /v1/text-to-speech/{voice_id}} and how its answers are read, against a local server. */
@Timeout(20)
class TestElevenLabsTtsProvider {
    private static final byte[] MP3 = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0};
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final MockProviderServer mock = TestingElevenLabs.mockServer();
    private MockWebServer server;
    private TtsProvider tts;

    @BeforeEach
    void create() {
        server = mock.server();
        tts = mock.tts(Map.of());
    }

    private TtsProvider create(Map<String, String> overrides) {
        return mock.tts(overrides);
    }

    @Test
    void postsTextAndModelToTheDefaultVoice() throws Exception {
        server.enqueue(audio(MP3));

        SynthesizedSpeech speech = synthesize(SpeechRequest.of("Hello there", AudioFormat.MP3));

        RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("POST", sent.getMethod());
        assertEquals("/v1/text-to-speech/JBFqnCBsd6RMkjVDRZzb?output_format=mp3_44100_128", sent.getPath());
        assertEquals(TestingElevenLabs.KEY, sent.getHeader("xi-api-key"));
        assertEquals("application/json", sent.getHeader("Content-Type"));
        assertEquals(JSON.readTree("{\"text\":\"Hello there\",\"model_id\":\"eleven_multilingual_v2\"}"), body(sent));
        assertArrayEquals(MP3, speech.audio().toByteArray());
        assertEquals("elevenlabs", speech.provider());
    }

    @Test
    void setsVoiceSettingsSpeedOnlyWhenTheSpeedIsNotNormal() throws Exception {
        server.enqueue(audio(MP3));

        synthesize(SpeechRequest.of("Hi", AudioFormat.MP3).withSpeed(1.15));

        assertEquals(1.15, body(server.takeRequest(1, TimeUnit.SECONDS)).path("voice_settings").path("speed").asDouble(), 1e-9);
    }

    @Test
    void sendsTheLanguageOnlyToModelsThatTakeOne() throws Exception {
        server.enqueue(audio(MP3));
        server.enqueue(audio(MP3));

        synthesize(SpeechRequest.of("Hola", AudioFormat.MP3).withLanguage("es-ES"));
        synthesize(SpeechRequest.of("Hola", AudioFormat.MP3).withLanguage("es-ES").withModelHint(Optional.of("eleven_flash_v2_5")));

        JsonNode multilingual = body(server.takeRequest(1, TimeUnit.SECONDS));
        JsonNode flash = body(server.takeRequest(1, TimeUnit.SECONDS));
        assertFalse(multilingual.has("language_code"));
        assertEquals("eleven_flash_v2_5", flash.path("model_id").asText());
        assertEquals("es", flash.path("language_code").asText());
    }

    @Test
    void mapsVoiceNamesToIdsAndTakesIdsAsTheyAre() throws Exception {
        server.enqueue(audio(MP3));
        server.enqueue(audio(MP3));

        synthesize(SpeechRequest.of("Hi", AudioFormat.MP3).withVoice("alloy"));
        synthesize(SpeechRequest.of("Hi", AudioFormat.MP3).withVoice("AZnzlk1XvdvUeBnXmlld"));

        assertTrue(server.takeRequest(1, TimeUnit.SECONDS).getPath().startsWith("/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM?"));
        assertTrue(server.takeRequest(1, TimeUnit.SECONDS).getPath().startsWith("/v1/text-to-speech/AZnzlk1XvdvUeBnXmlld?"));
    }

    @Test
    void usesTheStreamEndpointWhenConfigured() throws Exception {
        tts.close();
        tts = create(Map.of("streaming", "true"));
        server.enqueue(audio(MP3));

        synthesize(SpeechRequest.of("Hi", AudioFormat.MP3));

        assertEquals("/v1/text-to-speech/JBFqnCBsd6RMkjVDRZzb/stream?output_format=mp3_44100_128", server.takeRequest(1, TimeUnit.SECONDS).getPath());
        assertTrue(tts.capabilities().streaming());
    }

    @Test
    void wavIsTheRawPcmWithAHeader() throws Exception {
        server.enqueue(audio(new byte[48_000]));

        SynthesizedSpeech speech = synthesize(SpeechRequest.of("Hi", AudioFormat.WAV));

        assertTrue(server.takeRequest(1, TimeUnit.SECONDS).getPath().endsWith("?output_format=pcm_24000"));
        assertEquals(AudioFormat.WAV, speech.audio().format());
        assertEquals(44 + 48_000, speech.audio().size());
        assertEquals(Duration.ofSeconds(1), speech.duration());
    }

    @Test
    void rawPcmComesAt24KhzMono() {
        server.enqueue(audio(new byte[4800]));

        SynthesizedSpeech speech = synthesize(SpeechRequest.of("Hi", AudioFormat.PCM));

        assertEquals(24_000, speech.audio().sampleRate().getAsInt());
        assertEquals(Duration.ofMillis(100), speech.duration());
    }

    @Test
    void opusMustComeInAnOggContainer() throws Exception {
        server.enqueue(audio(new byte[]{'O', 'g', 'g', 'S', 0, 2}));
        server.enqueue(audio(new byte[]{1, 2, 3, 4, 5, 6}));

        assertEquals(AudioFormat.OGG_OPUS, synthesize(SpeechRequest.of("Hi", AudioFormat.OGG_OPUS)).audio().format());
        assertTrue(server.takeRequest(1, TimeUnit.SECONDS).getPath().endsWith("?output_format=opus_48000_64"));
        assertEquals(ErrorKind.PROVIDER_ERROR, failure(SpeechRequest.of("Hi", AudioFormat.OGG_OPUS)).kind());
    }

    @Test
    void refusesWhatElevenLabsCannotDoBeforeAnyCall() {
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Hi", AudioFormat.FLAC)).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Hi", AudioFormat.MP3).withVoice("kevin16")).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Hi", AudioFormat.MP3).withSpeed(2.0)).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Hi", AudioFormat.MP3).withLanguage("kk-KZ")).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Xin chào", AudioFormat.MP3).withLanguage("vi")).kind(),
                "Vietnamese needs a v2.5 model");
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("x".repeat(10_001), AudioFormat.MP3)).kind());
        assertEquals(0, server.getRequestCount());
        assertTrue(tts.capabilities().supportsLanguage("vi"), "the flash model speaks it");
        assertEquals(40_000, tts.capabilities().maxTextChars());
    }

    private static JsonNode body(RecordedRequest request) throws IOException {
        return JSON.readTree(request.getBody().readUtf8());
    }

    private static MockResponse audio(byte[] bytes) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "audio/mpeg").setBody(new Buffer().write(bytes));
    }

    private SynthesizedSpeech synthesize(SpeechRequest request) {
        return tts.synthesize(request).toCompletableFuture().join();
    }

    private VoiceException failure(SpeechRequest request) {
        CompletionException e = assertThrows(CompletionException.class, () -> synthesize(request));
        assertTrue(e.getCause() instanceof VoiceException, String.valueOf(e.getCause()));
        assertFalse(e.getCause().getMessage().contains(TestingElevenLabs.KEY));
        return (VoiceException) e.getCause();
    }
}
