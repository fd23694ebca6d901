package io.voiceplatform.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voiceplatform.app.badinput.RawHttp;
import io.voiceplatform.core.testing.TestingProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the HTTP server answers on its own, before or instead of a route, over raw sockets: each comes back as
 * OpenAI's error JSON with {@code Content-Type: application/json} and the status that fits, and the service goes on.
 */
@Timeout(60)
class TestServerErrors {
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestingService service;

    @TempDir
    static Path workDir;

    @BeforeAll
    static void start() {
        service = new TestingService(workDir, Duration.ofSeconds(5), new TestingProvider("fake"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    /** The bytes sent, and what must come back. */
    record Case(String name, String request, int status, String code) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        String speech = "POST /v1/audio/speech HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
        return List.of(
                new Case("headers over the server's 8 KB", "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: "
                        + "a".repeat(20_000) + "\r\n\r\n", 431, "headers_too_large"),
                new Case("an HTTP version the server does not speak", "GET /v1/models HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n",
                        505, "http_version_not_supported"),
                new Case("a request line that is not HTTP", "GARBAGE\r\n\r\n", 400, "bad_request"),
                new Case("no Host header", "GET /v1/models HTTP/1.1\r\n\r\n", 400, "bad_request"),
                new Case("both Content-Length and chunked (request smuggling)", speech + "Content-Length: 4\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, "bad_request"),
                new Case("broken chunking", speech + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 400, "invalid_body"),
                new Case("a chunked body over the limit", speech + "Transfer-Encoding: chunked\r\n\r\n"
                        + "100000\r\n" + "a".repeat(0x100000) + "\r\n10\r\n" + "a".repeat(16) + "\r\n0\r\n\r\n", 413, "request_too_large"),
                new Case("a URL over the server's limit", "GET /v1/" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                        414, "url_too_long"),
                new Case("an unknown path", "GET /v1/nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 404, "unknown_url"),
                new Case("a WebSocket upgrade to an unknown path", "GET /v1/realtime?intent=transcription HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n", 404, "unknown_url"),
                new Case("a method the path does not take", "DELETE /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 405,
                        "method_not_allowed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isAnsweredInOpenAisShapeAndTheServiceGoesOn(Case c) throws Exception {
        RawHttp.Response response;
        try (RawHttp http = new RawHttp(service.server.port())) {
            response = http.send(c.request()).read(ANSWER_WITHIN).orElseThrow(() -> new AssertionError("closed without an answer"));
        }
        assertEquals(c.status(), response.status(), c.name() + ": " + response.body());
        assertTrue(response.header("Content-Type").orElse("").startsWith("application/json"), c.name() + ": " + response.headers());
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertNotNull(error, "not OpenAI's error shape: " + response.body());
        assertEquals("invalid_request_error", error.get("type").asText(), response.body());
        assertEquals(c.code(), error.get("code").asText(), response.body());
        assertTrue(error.get("message").isTextual() && error.has("param"), response.body());
        assertFalse(response.body().contains("Exception") || response.body().contains("org.eclipse"), "internals leaked: " + response.body());
        assertTrue(response.header("Set-Cookie").isEmpty(), "a cookie: " + response.headers());
        if (c.status() == 405) {
            assertEquals("GET", response.header("Allow").orElse(""), "a 405 says what the path takes");
        }
        assertEquals(200, service.get("/v1/models").statusCode(), "the service goes on");
    }
}
