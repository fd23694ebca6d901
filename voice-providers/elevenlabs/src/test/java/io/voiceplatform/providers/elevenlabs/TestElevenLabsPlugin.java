package io.voiceplatform.providers.elevenlabs;

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
class TestElevenLabsPlugin {
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
        try (SttProvider stt = new ElevenLabsPlugin().createStt(TestingElevenLabs.context(server, scheduler, Map.of("api-key", ""))).orElseThrow()) {
            HealthProbe health = stt.checkHealth().toCompletableFuture().join();
            assertFalse(health.up());
            assertTrue(health.detail().contains("ELEVENLABS_API_KEY"), health.detail());

            CompletionException e = assertThrows(CompletionException.class,
                    () -> stt.transcribe(TranscriptionRequest.of(TestingElevenLabs.wav()).withLanguage("en")).toCompletableFuture().join());
            assertEquals(ErrorKind.AUTHENTICATION, ((VoiceException) e.getCause()).kind());
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void neverShowsTheKey() {
        ProviderContext context = TestingElevenLabs.context(server, scheduler, Map.of());
        server.enqueue(TestingElevenLabs.json(401, "error-invalid-api-key.json"));

        try (TtsProvider tts = new ElevenLabsPlugin().createTts(context).orElseThrow()) {
            CompletionException e = assertThrows(CompletionException.class,
                    () -> tts.synthesize(SpeechRequest.of("Hi", AudioFormat.MP3)).toCompletableFuture().join());
            String shown = String.join("\n", tts.toString(), context.settings().toString(),
                    ElevenLabsSettings.from(context.settings()).toString(), e.getCause().toString(),
                    tts.checkHealth().toCompletableFuture().join().detail());
            assertFalse(shown.contains(TestingElevenLabs.KEY), shown);
        }
    }

    @Test
    void badSettingsStopStartUpNamingTheKey() {
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class, () -> new ElevenLabsPlugin()
                .createStt(TestingElevenLabs.context(server, scheduler, Map.of("base-url", "api.elevenlabs.io"))));
        IllegalArgumentException voice = assertThrows(IllegalArgumentException.class, () -> new ElevenLabsPlugin()
                .createTts(TestingElevenLabs.context(server, scheduler, Map.of("tts-voice", "kevin16"))));
        IllegalArgumentException timeout = assertThrows(IllegalArgumentException.class, () -> new ElevenLabsPlugin()
                .createTts(TestingElevenLabs.context(server, scheduler, Map.of("timeout", "0s"))));

        assertTrue(url.getMessage().startsWith("voice.providers.elevenlabs.base-url = 'api.elevenlabs.io'"), url.getMessage());
        assertTrue(voice.getMessage().startsWith("voice.providers.elevenlabs.tts-voice = 'kevin16'"), voice.getMessage());
        assertTrue(timeout.getMessage().startsWith("voice.providers.elevenlabs.timeout"), timeout.getMessage());
    }
}
