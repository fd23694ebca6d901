package io.voiceplatform.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.plugin.Secret;
import io.voiceplatform.app.openai.ApiSettings;
import io.voiceplatform.app.openai.FailedAuthLimit;
import io.voiceplatform.core.testing.TestingProvider;
import io.voiceplatform.core.testing.TestingProvider.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gates of a keyed service: wrong keys from one address are throttled (before any key is compared), the health
 * details and the metrics need a key unless opened, and health never repeats what a provider said.
 */
@Timeout(60)
class TestSecurityGates {
    private static final String KEY = "sk-gates-test";
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

    private void start(boolean openMonitoring, FailedAuthLimit failedAuth) {
        service = new TestingService(workDir, new ApiSettings(1 << 20, List.of(Secret.of(KEY)), 1000, openMonitoring, failedAuth, 256L << 20, Duration.ofSeconds(2)),
                provider);
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(path)).timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return service.send(request.build());
    }

    private JsonNode error(HttpResponse<String> response) throws IOException {
        return json.readTree(response.body()).get("error");
    }

    /** The status of {@code GET path} with the key, sent from another loopback address (all of 127/8 is loopback on Linux). */
    private int statusFrom(String clientAddress, String path) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), service.server.port(), InetAddress.getByName(clientAddress), 0)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + KEY + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(answer.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
        }
    }

    @Test
    void aBurstOfWrongKeysIsThrottledThenEvenTheRightKeyWaitsWhileOtherAddressesAreServed() throws Exception {
        start(false, new FailedAuthLimit(5, 1));
        for (int i = 0; i < 4; i++) {
            assertEquals(401, get("/v1/models", "sk-wrong-" + i).statusCode(), "wrong key " + i);
        }
        assertEquals(401, get("/v1/models", null).statusCode(), "a missing key counts too");
        long lastFailure = System.nanoTime();
        HttpResponse<String> refused = get("/v1/models", KEY);
        if (System.nanoTime() - lastFailure < Duration.ofSeconds(1).toNanos()) {
            // Within the second that forgives one failure, the right key is refused like any other.
            assertEquals(429, refused.statusCode(), refused.body());
        }
        HttpResponse<String> throttled = get("/v1/models", "sk-wrong-again");
        assertEquals(429, throttled.statusCode(), throttled.body());
        assertEquals("too_many_failed_authentications", error(throttled).get("code").asText());
        assertEquals("rate_limit_error", error(throttled).get("type").asText());
        assertTrue(Integer.parseInt(throttled.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        assertEquals(200, statusFrom("127.0.0.2", "/v1/models"), "another address is not throttled");
    }

    @Test
    void healthDetailsAndMetricsNeedAKeyWhileHealthAndReadinessStayOpen() throws Exception {
        start(false, new FailedAuthLimit(20, 2));
        assertEquals(200, get("/health", null).statusCode());
        assertEquals(200, get("/health/ready", null).statusCode());
        for (String path : List.of("/health/details", "/metrics")) {
            HttpResponse<String> missing = get(path, null);
            assertEquals(401, missing.statusCode(), path);
            assertEquals("missing_api_key", error(missing).get("code").asText(), path);
            assertEquals(401, get(path, "sk-wrong").statusCode(), path);
            assertEquals(200, get(path, KEY).statusCode(), path);
        }
    }

    @Test
    void openMonitoringServesHealthDetailsAndMetricsWithoutAKey() throws Exception {
        start(true, new FailedAuthLimit(20, 2));
        assertEquals(200, get("/health/details", null).statusCode());
        HttpResponse<String> metrics = get("/metrics", null);
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("jetty_threads_"), "Prometheus text");
        assertEquals(401, get("/v1/models", null).statusCode(), "the API itself still needs a key");
    }

    @Test
    void healthNamesTheKindOfAProvidersFailureButNeverRepeatsItsMessage() throws Exception {
        provider.then(Outcome.fail(ErrorKind.UNAVAILABLE));
        start(false, new FailedAuthLimit(20, 2));
        for (int i = 0; i < 5; i++) {
            service.send(HttpRequest.newBuilder(service.uri("/v1/audio/speech")).header("Authorization", "Bearer " + KEY)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"hi\",\"response_format\":\"wav\"}")).build());
        }
        String details = get("/health/details", KEY).body();
        // TestingProvider fails with "fake says UNAVAILABLE": the provider's own words.
        assertFalse(details.contains("says"), details);
        assertTrue(details.contains("UNAVAILABLE"), details);
    }
}
