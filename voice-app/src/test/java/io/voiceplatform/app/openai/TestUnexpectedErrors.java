package io.voiceplatform.app.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.core.bootstrap.VoiceRuntime;
import io.voiceplatform.core.config.ConfigSources;
import io.voiceplatform.core.config.VoiceConfig;
import io.voiceplatform.core.health.PerformanceStatus;
import io.voiceplatform.core.testing.TestingPlugins;
import io.voiceplatform.core.testing.TestingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An Error where an exception was expected (a provider out of memory, a handler's stack overflowing) is answered 500
 * in OpenAI's shape, never Javalin's empty 500, and the next request is served.
 */
@Timeout(60)
class TestUnexpectedErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final OutOfMemoryProvider provider = new OutOfMemoryProvider();
    private VoiceRuntime runtime;
    private Javalin server;

    @TempDir
    Path workDir;

    /**
     * Runs out of memory when asked to say "throw" (thrown) or "fail" (a failed stage); speaks anything else. The only
     * provider, so that no other one in the chain answers in its place.
     */
    private static final class OutOfMemoryProvider implements TtsProvider, SttProvider {
        private final TestingProvider speaking = new TestingProvider("oom");

        @Override
        public String id() {
            return speaking.id();
        }

        @Override
        public ProviderCapabilities capabilities() {
            return speaking.capabilities();
        }

        @Override
        public CompletionStage<SynthesizedSpeech> synthesize(SpeechRequest request) {
            return switch (request.text()) {
                case "throw" -> throw new OutOfMemoryError("Java heap space (thrown by the test)");
                case "fail" -> CompletableFuture.failedFuture(new OutOfMemoryError("Java heap space (failed stage from the test)"));
                default -> speaking.synthesize(request);
            };
        }

        @Override
        public CompletionStage<Transcript> transcribe(TranscriptionRequest request) {
            return speaking.transcribe(request);
        }

        @Override
        public void close() {
            speaking.close();
        }
    }

    @BeforeEach
    void start() throws Exception {
        Path conf = workDir.resolve("errors.conf");
        Files.writeString(conf, "voice.stt.providers = [\"oom\"]\nvoice.tts.providers = [\"oom\"]\nvoice.providers.local.enabled = false\n"
                + "voice.resilience.retry.max-attempts = 1\n");
        runtime = VoiceRuntime.start(VoiceConfig.load(new ConfigSources(Map.of(), Map.of(), workDir, Optional.of(conf),
                getClass().getClassLoader())), List.of(TestingPlugins.of(provider)), List.of());
        OpenAiApi api = new OpenAiApi(runtime.pipeline(), runtime.registry(), PerformanceStatus.notInstalled(false),
                new ApiSettings(1 << 20, List.of(), 1000, false), new SimpleMeterRegistry(),
                new ObjectMapper());
        server = Javalin.create(config -> {
            api.configure(config);
            config.routes.get("/v1/overflow", ctx -> {
                throw new StackOverflowError("thrown by the test");
            });
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.stop();
        runtime.close();
    }

    private HttpResponse<String> speech(String input) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/audio/speech"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"" + input + "\",\"response_format\":\"wav\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertInternalError(HttpResponse<String> response) throws Exception {
        assertEquals(500, response.statusCode(), () -> response.headers().map().toString());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertEquals("server_error", error.get("type").asText());
        assertEquals("internal_error", error.get("code").asText());
        assertFalse(response.body().contains("OutOfMemory") || response.body().contains("StackOverflow"), response.body());
    }

    @Test
    void aProviderOutOfMemoryIsA500InOpenAisShapeAndTheNextRequestIsServed() throws Exception {
        assertInternalError(speech("throw"));
        assertInternalError(speech("fail"));
        assertEquals(200, speech("hi").statusCode());
    }

    @Test
    void anErrorThrownByAHandlerIsA500InOpenAisShapeAndTheNextRequestIsServed() throws Exception {
        HttpResponse<String> overflow = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/overflow"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertInternalError(overflow);
        assertTrue(overflow.headers().firstValue("X-Request-Id").isPresent());
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/models")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }
}
