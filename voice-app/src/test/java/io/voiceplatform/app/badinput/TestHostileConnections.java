package io.voiceplatform.app.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.multibindings.OptionalBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.voiceplatform.app.openai.ApiSettings;
import io.voiceplatform.app.server.ConnectionLimits;
import io.voiceplatform.app.server.ServerSettings;
import io.voiceplatform.app.server.VoiceServer;
import io.voiceplatform.core.bootstrap.VoiceRuntime;
import io.voiceplatform.core.config.ConfigSources;
import io.voiceplatform.core.config.VoiceConfig;
import io.voiceplatform.core.testing.TestingAudio;
import io.voiceplatform.core.testing.TestingPlugins;
import io.voiceplatform.core.testing.TestingProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connections that misbehave below HTTP, over raw sockets: an upload slower than the read timeout, and a
 * Content-Length that lies in either direction. Each is answered with a clear error or closed within the read
 * timeout, never held forever, never a 500, and the next good request works.
 */
class TestHostileConnections {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration ANSWER_WITHIN = READ_TIMEOUT.plusSeconds(9);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static VoiceRuntime runtime;
    private static VoiceServer server;

    @TempDir
    static Path workDir;

    @BeforeAll
    static void start() throws Exception {
        Path conf = workDir.resolve("hostile.conf");
        Files.writeString(conf, "voice.stt.providers = [\"fake\"]\nvoice.tts.providers = [\"fake\"]\nvoice.providers.local.enabled = false\n");
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        runtime = VoiceRuntime.start(VoiceConfig.load(new ConfigSources(Map.of(), Map.of(), workDir, Optional.of(conf),
                        TestHostileConnections.class.getClassLoader())), List.of(TestingPlugins.of(new TestingProvider("fake"))),
                List.of(binder -> OptionalBinder.newOptionalBinder(binder, MeterRegistry.class).setBinding().toInstance(meters)));
        server = VoiceServer.start(runtime, new ServerSettings("127.0.0.1", 0,
                new ApiSettings(1 << 20, List.of(), 100_000, false), READ_TIMEOUT, Duration.ofSeconds(5), false,
                new ConnectionLimits(Duration.ofSeconds(10), 0, 0)), meters);
    }

    @AfterAll
    static void stop() {
        server.close();
        runtime.close();
    }

    @AfterEach
    void nextGoodRequestWorks() throws Exception {
        String json = "{\"input\":\"still here\",\"response_format\":\"wav\"}";
        try (RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response good = http.send(speechHead(json.length()) + json).read(ANSWER_WITHIN).orElseThrow();
            assertEquals(200, good.status(), good.body());
        }
    }

    private static String speechHead(int contentLength) {
        return "POST /v1/audio/speech HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + contentLength + "\r\n\r\n";
    }

    private static String uploadHead(long contentLength) {
        return "POST /v1/audio/transcriptions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n";
    }

    private static byte[] upload() {
        BadInputForm form = new BadInputForm("b").file("file", "a.wav", TestingAudio.wav(0.1, 440)).field("model", "whisper-1");
        return form.body();
    }

    /**
     * Either a 408 in OpenAI's shape (on {@code file} for an upload) followed by a close, or the connection closed without an
     * answer: never a 500, never nothing.
     */
    private static void timedOutOrClosed(RawHttp http, String param) throws Exception {
        Optional<RawHttp.Response> answer = http.read(ANSWER_WITHIN);
        if (answer.isEmpty()) {
            return;
        }
        RawHttp.Response response = answer.get();
        assertEquals(408, response.status(), response.body());
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertNotNull(error, "not OpenAI's error shape: " + response.body());
        assertEquals("invalid_request_error", error.get("type").asText(), response.body());
        assertEquals(param, error.get("param").isNull() ? null : error.get("param").asText(), response.body());
        assertFalse(response.body().contains("Exception") || response.body().contains("\tat "), "internals leaked: " + response.body());
        assertTrue(http.closedWithin(ANSWER_WITHIN), "a connection whose body was not read must be closed");
    }

    @Test
    @Timeout(30)
    void anUploadThatStallsLongerThanTheReadTimeoutIsCutOff() throws Exception {
        byte[] body = upload();
        try (RawHttp http = new RawHttp(server.port())) {
            http.send(uploadHead(body.length)).send(java.util.Arrays.copyOf(body, 100));
            long start = System.nanoTime();
            timedOutOrClosed(http, "file");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(READ_TIMEOUT.multipliedBy(5)) < 0, "cut off after " + took);
        }
    }

    @Test
    @Timeout(30)
    void anUploadDrippedSlowerThanTheReadTimeoutIsCutOff() throws Exception {
        byte[] body = upload();
        try (RawHttp http = new RawHttp(server.port())) {
            http.send(uploadHead(body.length));
            boolean cut = false;
            // One byte per 1.5 read timeouts: the server must give up long before the body is complete.
            for (int i = 0; i < 6 && !cut; i++) {
                try {
                    http.send(new byte[]{body[i]});
                } catch (java.io.IOException closed) {
                    cut = true;
                }
                Thread.sleep(READ_TIMEOUT.toMillis() * 3 / 2);
            }
            timedOutOrClosed(http, "file");
        }
    }

    @Test
    @Timeout(30)
    void aContentLengthLongerThanTheBodyEndsInTheReadTimeoutNotAHang() throws Exception {
        byte[] body = upload();
        try (RawHttp http = new RawHttp(server.port())) {
            http.send(uploadHead(body.length + 5000)).send(body);
            timedOutOrClosed(http, "file");
        }
        String json = "{\"input\":\"hello\",\"response_format\":\"wav\"}";
        try (RawHttp http = new RawHttp(server.port())) {
            http.send(speechHead(json.length() + 100) + json);
            timedOutOrClosed(http, null);
        }
    }

    @Test
    @Timeout(30)
    void bytesPastAShortContentLengthAreNotServedAsASecondRequest() throws Exception {
        // The declared length cuts the JSON short; what follows is a complete request of its own.
        String json = "{\"input\":\"hello\",\"response_format\":\"wav\"}";
        String smuggled = "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        try (RawHttp http = new RawHttp(server.port())) {
            http.send(speechHead(10) + json + smuggled);
            RawHttp.Response first = http.read(ANSWER_WITHIN).orElseThrow();
            assertEquals(400, first.status(), first.body());
            JsonNode error = JSON.readTree(first.body()).get("error");
            assertEquals("invalid_request_error", error.get("type").asText());
            assertTrue(error.get("param").isNull(), first.body());
            assertEquals("invalid_json", error.get("code").asText());
            assertTrue(http.closedWithin(ANSWER_WITHIN), "the rest of a body that could not be read was served as a request");
        }
    }

    @Test
    @Timeout(30)
    void aShortContentLengthOnAValidPrefixLeavesTheNextRequestIntact() throws Exception {
        // The first 39 bytes are valid JSON on their own; the server answers them and must not mix the rest into
        // the following request on the same connection.
        String json = "{\"input\":\"hi\",\"response_format\":\"wav\"}";
        String trailing = "xyz";
        try (RawHttp http = new RawHttp(server.port())) {
            http.send(speechHead(json.length()) + json + trailing);
            RawHttp.Response first = http.read(ANSWER_WITHIN).orElseThrow();
            assertEquals(200, first.status(), first.body());
            Optional<RawHttp.Response> second = http.read(ANSWER_WITHIN);
            second.ifPresent(r -> assertEquals(400, r.status(), "the trailing bytes were taken as a request: " + r.body()));
        }
    }

    /** A multipart body for the raw requests. */
    static final class BadInputForm {
        private final String boundary;
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        BadInputForm(String boundary) {
            this.boundary = boundary;
        }

        BadInputForm field(String name, String value) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            return this;
        }

        BadInputForm file(String name, String filename, byte[] bytes) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                    + "\"\r\nContent-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(bytes);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            return this;
        }

        byte[] body() {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            all.writeBytes(out.toByteArray());
            all.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return all.toByteArray();
        }
    }
}
