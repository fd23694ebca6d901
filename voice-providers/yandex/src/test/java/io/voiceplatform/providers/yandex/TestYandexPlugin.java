package io.voiceplatform.providers.yandex;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Discovery, enabling, creation without network, and the credentials never shown. */
@Timeout(20)
class TestYandexPlugin {
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
        ProviderContext context = TestingYandex.context(server, scheduler, Map.of("api-key", ""));
        try (SttProvider stt = new YandexPlugin().createStt(context).orElseThrow();
             TtsProvider tts = new YandexPlugin().createTts(context).orElseThrow()) {
            HealthProbe health = stt.checkHealth().toCompletableFuture().join();
            assertFalse(health.up());
            assertTrue(health.detail().contains("YANDEX_API_KEY") && health.detail().contains("YANDEX_IAM_TOKEN"), health.detail());

            CompletionException e = assertThrows(CompletionException.class,
                    () -> stt.transcribe(TranscriptionRequest.of(TestingYandex.wav()).withLanguage("ru")).toCompletableFuture().join());
            assertEquals(ErrorKind.AUTHENTICATION, ((VoiceException) e.getCause()).kind());
            CompletionException t = assertThrows(CompletionException.class,
                    () -> tts.synthesize(SpeechRequest.of("Привет", AudioFormat.MP3)).toCompletableFuture().join());
            assertEquals(ErrorKind.AUTHENTICATION, ((VoiceException) t.getCause()).kind());
        }
        assertEquals(0, server.getRequestCount());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"api-key", "iam-token"})
    void neverShowsTheCredential(String key) {
        String secret = key.equals("api-key") ? TestingYandex.KEY : TestingYandex.IAM_TOKEN;
        ProviderContext context = TestingYandex.context(server, scheduler, key.equals("api-key") ? Map.of()
                : Map.of("api-key", "", "iam-token", secret));
        server.enqueue(TestingYandex.json(401, "error-unauthenticated.json"));
        server.enqueue(TestingYandex.json(401, "error-unauthorized.json"));

        try (SttProvider stt = new YandexPlugin().createStt(context).orElseThrow();
             TtsProvider tts = new YandexPlugin().createTts(context).orElseThrow()) {
            CompletionException s = assertThrows(CompletionException.class,
                    () -> stt.transcribe(TranscriptionRequest.of(TestingYandex.wav()).withLanguage("ru")).toCompletableFuture().join());
            CompletionException t = assertThrows(CompletionException.class,
                    () -> tts.synthesize(SpeechRequest.of("Привет", AudioFormat.MP3)).toCompletableFuture().join());
            String shown = String.join("\n", stt.toString(), tts.toString(), context.settings().toString(),
                    context.settings().masked().toString(), YandexSettings.from(context.settings()).toString(),
                    s.getCause().toString(), t.getCause().toString(),
                    stt.checkHealth().toCompletableFuture().join().detail(), tts.checkHealth().toCompletableFuture().join().detail());
            assertFalse(shown.contains(secret), shown);
            assertFalse(stt.checkHealth().toCompletableFuture().join().up());
        }
    }

    @Test
    void badSettingsStopStartUpNamingTheKey() {
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class, () -> new YandexPlugin()
                .createStt(TestingYandex.context(server, scheduler, Map.of("stt-base-url", "stt.api.cloud.yandex.net"))));
        IllegalArgumentException voice = assertThrows(IllegalArgumentException.class, () -> new YandexPlugin()
                .createTts(TestingYandex.context(server, scheduler, Map.of("voice", "kevin16"))));
        IllegalArgumentException folder = assertThrows(IllegalArgumentException.class, () -> new YandexPlugin()
                .createTts(TestingYandex.context(server, scheduler, Map.of("api-key", "", "iam-token", "t1.x", "folder-id", ""))));

        assertTrue(url.getMessage().startsWith("voice.providers.yandex.stt-base-url = 'stt.api.cloud.yandex.net'"), url.getMessage());
        assertTrue(voice.getMessage().startsWith("voice.providers.yandex.voice = 'kevin16'"), voice.getMessage());
        assertTrue(folder.getMessage().startsWith("voice.providers.yandex.folder-id is empty"), folder.getMessage());
    }
}
