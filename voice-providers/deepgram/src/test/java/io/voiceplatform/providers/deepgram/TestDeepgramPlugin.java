package io.voiceplatform.providers.deepgram;

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
class TestDeepgramPlugin {
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
    void withoutAKeyItIsDownAndCallsNothing() {
        try (SttProvider stt = new DeepgramPlugin().createStt(TestingDeepgram.context(server, scheduler, Map.of("api-key", ""))).orElseThrow()) {
            HealthProbe health = stt.checkHealth().toCompletableFuture().join();
            assertFalse(health.up());
            assertTrue(health.detail().contains("DEEPGRAM_API_KEY"), health.detail());

            CompletionException e = assertThrows(CompletionException.class,
                    () -> stt.transcribe(TranscriptionRequest.of(TestingDeepgram.wav()).withLanguage("en")).toCompletableFuture().join());
            assertEquals(ErrorKind.AUTHENTICATION, ((VoiceException) e.getCause()).kind());
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void neverShowsTheKey() {
        ProviderContext context = TestingDeepgram.context(server, scheduler, Map.of());
        server.enqueue(TestingDeepgram.json(401, "error-invalid-auth.json"));

        try (TtsProvider tts = new DeepgramPlugin().createTts(context).orElseThrow()) {
            CompletionException e = assertThrows(CompletionException.class,
                    () -> tts.synthesize(SpeechRequest.of("Hi", AudioFormat.MP3)).toCompletableFuture().join());
            String shown = String.join("\n", tts.toString(), context.settings().toString(),
                    DeepgramSettings.from(context.settings()).toString(), e.getCause().toString(),
                    tts.checkHealth().toCompletableFuture().join().detail());
            assertFalse(shown.contains(TestingDeepgram.KEY), shown);
        }
    }

    @Test
    void badSettingsStopStartUpNamingTheKey() {
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class, () -> new DeepgramPlugin()
                .createStt(TestingDeepgram.context(server, scheduler, Map.of("base-url", "api.deepgram.com"))));
        IllegalArgumentException voice = assertThrows(IllegalArgumentException.class, () -> new DeepgramPlugin()
                .createTts(TestingDeepgram.context(server, scheduler, Map.of("tts-voice", "kevin16"))));
        IllegalArgumentException timeout = assertThrows(IllegalArgumentException.class, () -> new DeepgramPlugin()
                .createTts(TestingDeepgram.context(server, scheduler, Map.of("timeout", "0s"))));

        assertTrue(url.getMessage().startsWith("voice.providers.deepgram.base-url = 'api.deepgram.com'"), url.getMessage());
        assertTrue(voice.getMessage().startsWith("voice.providers.deepgram.tts-voice = 'kevin16'"), voice.getMessage());
        assertTrue(timeout.getMessage().startsWith("voice.providers.deepgram.timeout"), timeout.getMessage());
    }
}
