package io.voiceplatform.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.voiceplatform.app.openai.ApiSettings;
import io.voiceplatform.core.bootstrap.VoiceRuntime;
import io.voiceplatform.core.config.ConfigSources;
import io.voiceplatform.core.config.VoiceConfig;
import io.voiceplatform.core.testing.TestingPlugins;
import io.voiceplatform.core.testing.TestingProvider;
import io.voiceplatform.core.testing.TestingProvider.Outcome;
import io.voiceplatform.api.ErrorKind;
import com.google.inject.multibindings.OptionalBinder;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real service on a free loopback port: health, readiness, details, metrics and a graceful stop. */
@Timeout(60)
class TestVoiceServer {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final TestingProvider provider = new TestingProvider("fake");
    private VoiceRuntime runtime;
    private VoiceServer server;

    @TempDir
    Path workDir;

    private void start(Duration grace) throws Exception {
        Path conf = workDir.resolve("test.conf");
        Files.writeString(conf, "voice.stt.providers = [\"fake\"]\nvoice.tts.providers = [\"fake\"]\n"
                + "voice.resilience.retry.max-attempts = 1\n");
        VoiceConfig config = VoiceConfig.load(new ConfigSources(Map.of(), Map.of(), workDir, Optional.of(conf), getClass().getClassLoader()));
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        runtime = VoiceRuntime.start(config, List.of(TestingPlugins.of(provider)),
                List.of(binder -> OptionalBinder.newOptionalBinder(binder, MeterRegistry.class).setBinding().toInstance(meters)));
        ServerSettings settings = new ServerSettings("127.0.0.1", 0,
                new ApiSettings(1 << 20, List.of(), 1000, false, 8, Duration.ofMillis(100)), Duration.ofSeconds(10), grace, false);
        server = VoiceServer.start(runtime, settings, meters);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersHealthReadinessAndDetails() throws Exception {
        start(Duration.ofSeconds(5));
        assertEquals(200, get("/health").statusCode());
        assertEquals(200, get("/health/ready").statusCode());
        JsonNode details = json.readTree(get("/health/details").body());
        assertEquals("UP", details.get("status").asText());
        assertTrue(details.has("version") && details.has("uptime_seconds"));
        assertEquals(2, details.get("providers").size());
        assertEquals("CLOSED", details.get("providers").get(0).get("circuit").asText());
        assertEquals(false, details.get("performance").get("requested").asBoolean());
    }

    @Test
    void isNotReadyWhenNoProviderCanServe() throws Exception {
        provider.then(Outcome.fail(ErrorKind.UNAVAILABLE));
        start(Duration.ofSeconds(5));
        for (int i = 0; i < 5; i++) {
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/audio/speech"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"hi\",\"response_format\":\"wav\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        assertEquals(200, get("/health").statusCode(), "liveness stays up");
        assertEquals(503, get("/health/ready").statusCode());
    }

    @Test
    void exposesPrometheusMetrics() throws Exception {
        start(Duration.ofSeconds(5));
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/audio/speech"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"hi\",\"response_format\":\"wav\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String metrics = get("/metrics").body();
        assertTrue(metrics.contains("voice_requests_total{operation=\"tts\",status=\"200\"} 1.0"), metrics);
        assertTrue(metrics.contains("voice_request_seconds_bucket{operation=\"tts\""), "request histogram");
        assertTrue(metrics.contains("voice_provider_calls_total{operation=\"tts\",outcome=\"success\",provider=\"fake\"} 1.0"));
        assertTrue(metrics.contains("voice_provider_seconds_count{operation=\"tts\",provider=\"fake\"}"));
        assertTrue(metrics.contains("jetty_threads_"), "HTTP server meters");
    }

    @Test
    void stoppingLetsTheRequestInFlightFinish() throws Exception {
        start(Duration.ofSeconds(10));
        provider.then(Outcome.hang());
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/v1/audio/speech"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"hi\",\"response_format\":\"wav\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        for (int i = 0; i < 200 && provider.calls() == 0; i++) {
            Thread.sleep(10);
        }
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
        Thread.sleep(200);
        assertTrue(!stopping.isDone(), "stop waits for the request in flight");
        // The provider answers late, and the caller still gets its answer.
        provider.then(Outcome.succeed());
        provider.releaseHanging();
        assertEquals(200, inFlight.get().statusCode());
        stopping.get();
        server = null;
    }
}
