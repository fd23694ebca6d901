package io.voiceplatform.providers.google;

import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.HealthProbe;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.plugin.ProviderContext;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Discovery, enabling, creation without network, and the key never shown. */
@Timeout(20)
class TestGooglePlugin {
    private MockWebServer server;
    private ScheduledExecutorService scheduler;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
        scheduler.shutdownNow();
    }

    @Test
    void withoutCredentialsItIsDownAndCallsNothing() {
        ProviderContext context = TestingGoogle.context(server, scheduler, Map.of("api-key", "", "credentials-file", ""));
        try (SttProvider stt = new GooglePlugin().createStt(context).orElseThrow();
             TtsProvider tts = new GooglePlugin().createTts(context).orElseThrow()) {
            HealthProbe health = stt.checkHealth().toCompletableFuture().join();
            assertFalse(health.up());
            assertTrue(health.detail().contains("GOOGLE_API_KEY") && health.detail().contains("GOOGLE_APPLICATION_CREDENTIALS"),
                    health.detail());

            CompletionException e = assertThrows(CompletionException.class,
                    () -> stt.transcribe(TranscriptionRequest.of(TestingGoogle.wav()).withLanguage("en")).toCompletableFuture().join());
            assertEquals(ErrorKind.AUTHENTICATION, ((VoiceException) e.getCause()).kind());
            CompletionException t = assertThrows(CompletionException.class,
                    () -> tts.synthesize(SpeechRequest.of("Hi", AudioFormat.MP3)).toCompletableFuture().join());
            assertEquals(ErrorKind.AUTHENTICATION, ((VoiceException) t.getCause()).kind());
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void neverShowsTheKey() {
        ProviderContext context = TestingGoogle.context(server, scheduler, Map.of());
        server.enqueue(TestingGoogle.json(400, "error-api-key-invalid.json"));
        server.enqueue(TestingGoogle.json(401, "error-unauthenticated.json"));

        try (TtsProvider tts = new GooglePlugin().createTts(context).orElseThrow();
             SttProvider stt = new GooglePlugin().createStt(context).orElseThrow()) {
            CompletionException e = assertThrows(CompletionException.class,
                    () -> tts.synthesize(SpeechRequest.of("Hi", AudioFormat.MP3)).toCompletableFuture().join());
            CompletionException f = assertThrows(CompletionException.class,
                    () -> stt.transcribe(TranscriptionRequest.of(TestingGoogle.wav()).withLanguage("en")).toCompletableFuture().join());
            String shown = String.join("\n", tts.toString(), stt.toString(), context.settings().toString(),
                    context.settings().masked().toString(), GoogleSettings.from(context.settings()).toString(),
                    e.getCause().toString(), f.getCause().toString(),
                    tts.checkHealth().toCompletableFuture().join().detail(), stt.checkHealth().toCompletableFuture().join().detail());
            assertFalse(shown.contains(TestingGoogle.KEY), shown);
            assertTrue(shown.contains("API key not valid"), shown);
        }
    }

    @Test
    void anErrorEchoingTheKeyHasItBlanked() {
        server.enqueue(new okhttp3.mockwebserver.MockResponse().setResponseCode(400).setBody(
                "{\"error\":{\"code\":400,\"message\":\"bad key " + TestingGoogle.KEY + "\",\"status\":\"INVALID_ARGUMENT\"}}"));

        try (TtsProvider tts = new GooglePlugin().createTts(TestingGoogle.context(server, scheduler, Map.of())).orElseThrow()) {
            CompletionException e = assertThrows(CompletionException.class,
                    () -> tts.synthesize(SpeechRequest.of("Hi", AudioFormat.MP3)).toCompletableFuture().join());
            assertFalse(e.getCause().getMessage().contains(TestingGoogle.KEY), e.getCause().getMessage());
            assertTrue(e.getCause().getMessage().contains("bad key ****"), e.getCause().getMessage());
        }
    }

    @Test
    void badSettingsStopStartUpNamingTheKey() {
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class, () -> new GooglePlugin()
                .createStt(TestingGoogle.context(server, scheduler, Map.of("stt-base-url", "speech.googleapis.com"))));
        IllegalArgumentException voice = assertThrows(IllegalArgumentException.class, () -> new GooglePlugin()
                .createTts(TestingGoogle.context(server, scheduler, Map.of("tts-voice", "kevin16"))));
        IllegalArgumentException timeout = assertThrows(IllegalArgumentException.class, () -> new GooglePlugin()
                .createTts(TestingGoogle.context(server, scheduler, Map.of("timeout", "0s"))));

        assertTrue(url.getMessage().startsWith("voice.providers.google.stt-base-url = 'speech.googleapis.com'"), url.getMessage());
        assertTrue(voice.getMessage().startsWith("voice.providers.google.tts-voice = 'kevin16'"), voice.getMessage());
        assertTrue(timeout.getMessage().startsWith("voice.providers.google.timeout"), timeout.getMessage());
    }
}
