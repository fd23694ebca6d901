package io.voiceplatform.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.core.testing.TestingProvider;
import io.voiceplatform.core.testing.TestingProvider.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real service on a free loopback port: health, readiness, details, metrics and a graceful stop. */
@Timeout(60)
class TestVoiceServer {
    private final ObjectMapper json = new ObjectMapper();
    private final TestingProvider provider = new TestingProvider("fake");
    private TestingService service;

    @TempDir
    Path workDir;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    private HttpRequest speech() {
        return HttpRequest.newBuilder(service.uri("/v1/audio/speech")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"hi\",\"response_format\":\"wav\"}")).build();
    }

    @Test
    void answersHealthReadinessAndDetails() throws Exception {
        service = new TestingService(workDir, Duration.ofSeconds(5), provider);
        assertEquals(200, service.get("/health").statusCode());
        assertEquals(200, service.get("/health/ready").statusCode());
        JsonNode details = json.readTree(service.get("/health/details").body());
        assertEquals("UP", details.get("status").asText());
        assertTrue(details.has("version") && details.has("uptime_seconds"));
        assertEquals(2, details.get("providers").size());
        assertEquals("CLOSED", details.get("providers").get(0).get("circuit").asText());
        assertFalse(details.get("performance").get("requested").asBoolean());
    }

    @Test
    void isNotReadyWhenNoProviderCanServe() throws Exception {
        provider.then(Outcome.fail(ErrorKind.UNAVAILABLE));
        service = new TestingService(workDir, Duration.ofSeconds(5), provider);
        for (int i = 0; i < 5; i++) {
            service.send(speech());
        }
        assertEquals(200, service.get("/health").statusCode(), "liveness stays up");
        assertEquals(503, service.get("/health/ready").statusCode());
    }

    @Test
    void exposesPrometheusMetrics() throws Exception {
        service = new TestingService(workDir, Duration.ofSeconds(5), provider);
        service.send(speech());
        String metrics = service.get("/metrics").body();
        assertTrue(metrics.contains("voice_requests_total{operation=\"tts\",status=\"200\"} 1.0"), metrics);
        assertTrue(metrics.contains("voice_request_seconds_bucket{operation=\"tts\""), "request histogram");
        assertTrue(metrics.contains("voice_provider_calls_total{operation=\"tts\",outcome=\"success\",provider=\"fake\"} 1.0"));
        assertTrue(metrics.contains("voice_provider_seconds_count{operation=\"tts\",provider=\"fake\"}"));
        assertTrue(metrics.contains("jetty_threads_"), "HTTP server meters");
    }

    @Test
    void stoppingLetsTheRequestInFlightFinish() throws Exception {
        service = new TestingService(workDir, Duration.ofSeconds(10), provider);
        provider.then(Outcome.hang());
        CompletableFuture<HttpResponse<String>> inFlight = service.client().sendAsync(speech(), HttpResponse.BodyHandlers.ofString());
        for (int i = 0; i < 200 && provider.calls() == 0; i++) {
            Thread.sleep(10);
        }
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(service.server::close);
        Thread.sleep(200);
        assertFalse(stopping.isDone(), "stop waits for the request in flight");
        provider.releaseHanging();
        assertEquals(200, inFlight.get().statusCode(), "the caller still gets its answer");
        stopping.get();
        service.runtime.close();
        service = null;
    }
}
