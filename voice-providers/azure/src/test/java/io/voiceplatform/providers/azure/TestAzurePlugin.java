package io.voiceplatform.providers.azure;

import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.HealthProbe;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.plugin.ProviderContext;
import okhttp3.mockwebserver.MockResponse;
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
class TestAzurePlugin {
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
        try (SttProvider stt = new AzurePlugin().createStt(TestingAzure.context(server, scheduler, Map.of("api-key", ""))).orElseThrow()) {
            HealthProbe health = stt.checkHealth().toCompletableFuture().join();
            assertFalse(health.up());
            assertTrue(health.detail().contains("AZURE_SPEECH_KEY"), health.detail());

            CompletionException e = assertThrows(CompletionException.class,
                    () -> stt.transcribe(TranscriptionRequest.of(TestingAzure.wav()).withLanguage("en")).toCompletableFuture().join());
            assertEquals(ErrorKind.AUTHENTICATION, ((VoiceException) e.getCause()).kind());
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void neverShowsTheKey() {
        ProviderContext context = TestingAzure.context(server, scheduler, Map.of());
        server.enqueue(new MockResponse().setResponseCode(401).setBody("Access denied due to invalid subscription key."));

        try (TtsProvider tts = new AzurePlugin().createTts(context).orElseThrow()) {
            CompletionException e = assertThrows(CompletionException.class,
                    () -> tts.synthesize(SpeechRequest.of("Hi", AudioFormat.MP3)).toCompletableFuture().join());
            String shown = String.join("\n", tts.toString(), context.settings().toString(),
                    AzureSettings.from(context.settings()).toString(), e.getCause().toString(),
                    tts.checkHealth().toCompletableFuture().join().detail());
            assertFalse(shown.contains(TestingAzure.KEY), shown);
        }
    }

    @Test
    void badSettingsStopStartUpNamingTheKey() {
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class, () -> new AzurePlugin()
                .createStt(TestingAzure.context(server, scheduler, Map.of("stt-base-url", "westeurope.stt"))));
        IllegalArgumentException voice = assertThrows(IllegalArgumentException.class, () -> new AzurePlugin()
                .createTts(TestingAzure.context(server, scheduler, Map.of("tts-voice", "kevin16"))));
        IllegalArgumentException timeout = assertThrows(IllegalArgumentException.class, () -> new AzurePlugin()
                .createTts(TestingAzure.context(server, scheduler, Map.of("timeout", "0s"))));

        assertTrue(url.getMessage().startsWith("voice.providers.azure.stt-base-url = 'westeurope.stt'"), url.getMessage());
        assertTrue(voice.getMessage().startsWith("voice.providers.azure.tts-voice = 'kevin16'"), voice.getMessage());
        assertTrue(timeout.getMessage().startsWith("voice.providers.azure.timeout"), timeout.getMessage());
    }
}
