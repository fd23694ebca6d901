package io.voiceplatform.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voiceplatform.app.badinput.RawHttp;
import io.voiceplatform.app.openai.ApiSettings;
import io.voiceplatform.app.openai.FailedAuthLimit;
import io.voiceplatform.core.testing.TestingProvider;
import io.voiceplatform.core.testing.TestingProvider.Outcome;
import io.voiceplatform.api.ErrorKind;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The budget of request bytes in flight, on the real service: a body that does not fit waits, then gets 503 with
 * Retry-After in OpenAI's shape; whatever way requests end (answered, refused, failed upstream, cut off by their
 * caller), the budget is whole again after.
 */
@Timeout(90)
class TestByteBudget {
    private static final int BUDGET = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestingProvider provider = new TestingProvider("fake");
    private TestingService service;

    @TempDir
    Path workDir;

    private void start() {
        service = new TestingService(workDir, Duration.ofSeconds(5), "", settings -> new ServerSettings(settings.host(),
                settings.port(), new ApiSettings(1 << 20, settings.api().apiKeys(), 100_000, false, new FailedAuthLimit(20, 2), BUDGET, Duration.ofMillis(200)),
                settings.readTimeout(), settings.shutdownGrace(), false, settings.connections()), provider);
    }

    @AfterEach
    void stop() {
        provider.releaseHanging();
        service.close();
    }

    /** A valid speech body of exactly {@code bytes} bytes: JSON padded with spaces. */
    private static String speechBody(int bytes) {
        String json = "{\"input\":\"hi\",\"response_format\":\"wav\"}";
        return json + " ".repeat(bytes - json.length());
    }

    private HttpRequest speech(int bytes) {
        return HttpRequest.newBuilder(service.uri("/v1/audio/speech")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(speechBody(bytes))).build();
    }

    @Test
    void aBodyThatDoesNotFitGets503WithRetryAfterAndFitsOnceTheHolderEnds() throws Exception {
        start();
        provider.then(Outcome.hang(), Outcome.succeed());
        CompletableFuture<HttpResponse<String>> holder = service.client().sendAsync(speech(40 * 1024), HttpResponse.BodyHandlers.ofString());
        for (int i = 0; i < 200 && provider.calls() == 0; i++) {
            Thread.sleep(50);
        }
        assertEquals(1, provider.calls(), "the first request never reached the provider");

        HttpResponse<String> refused = service.send(speech(40 * 1024));

        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals("application/json", refused.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertTrue(refused.headers().firstValue("Retry-After").isPresent());
        JsonNode error = JSON.readTree(refused.body()).get("error");
        assertEquals("service_unavailable_error", error.get("type").asText());
        assertEquals("overloaded", error.get("code").asText());
        assertEquals(1, provider.calls(), "a refused body must not reach the pipeline");

        provider.releaseHanging();
        assertEquals(200, holder.get().statusCode());
        assertWhole();
    }

    @Test
    void theBudgetIsWholeAgainAfterManyFailingAndCancelledRequests() throws Exception {
        start();
        provider.then(Outcome.fail(ErrorKind.PROVIDER_ERROR));
        for (int round = 0; round < 10; round++) {
            // Failed upstream: 502, or 503 once the provider's circuit opens; never the budget's 503.
            HttpResponse<String> failed = service.send(speech(20 * 1024));
            assertTrue(failed.statusCode() == 502 || failed.statusCode() == 503, failed.body());
            assertNotEquals("overloaded", JSON.readTree(failed.body()).get("error").get("code").asText());
            // Not JSON: 400, the body read and refused.
            HttpResponse<String> broken = service.send(HttpRequest.newBuilder(service.uri("/v1/audio/speech"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("x".repeat(20 * 1024))).build());
            assertEquals(400, broken.statusCode());
            // A body sent where none is read, to /metrics (which runs the admission filter itself) and to /v1/models.
            for (String path : new String[] {"/metrics", "/v1/models"}) {
                assertEquals(200, service.send(HttpRequest.newBuilder(service.uri(path))
                        .method("GET", HttpRequest.BodyPublishers.ofString("x".repeat(20 * 1024))).build()).statusCode());
            }
            // The caller goes away halfway through its body.
            try (RawHttp gone = new RawHttp(service.server.port())) {
                gone.send("POST /v1/audio/speech HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 30000\r\n\r\n" + speechBody(30000).substring(0, 1000));
            }
            // Chunked, so the whole speech limit (more than the budget) is taken, then the body ends in a broken chunk.
            try (RawHttp chunked = new RawHttp(service.server.port())) {
                chunked.send("POST /v1/audio/speech HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n10\r\n{\"input\":\"hi\"}  \r\nZZ\r\n");
                chunked.read(Duration.ofSeconds(10));
            }
        }
        provider.then(Outcome.succeed());
        assertWhole();
    }

    /**
     * A body as large as the whole budget is served: it fits only when no request holds any part of it. The requests
     * cut off by their callers end when the server notices, so this waits a bounded while for it.
     */
    private void assertWhole() throws Exception {
        int status = 0;
        for (int i = 0; i < 40 && status != 200; i++) {
            status = service.send(speech(BUDGET)).statusCode();
            if (status != 200) {
                Thread.sleep(250);
            }
        }
        assertEquals(200, status, "the budget did not come back whole");
    }
}
