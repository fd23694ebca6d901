package io.voiceplatform.app.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.voiceplatform.api.plugin.Secret;
import io.voiceplatform.app.openai.ApiSettings;
import io.voiceplatform.app.openai.OpenAiApi;
import io.voiceplatform.core.bootstrap.VoiceRuntime;
import io.voiceplatform.core.config.ConfigSources;
import io.voiceplatform.core.config.VoiceConfig;
import io.voiceplatform.core.health.PerformanceStatus;
import io.voiceplatform.core.testing.TestingAudio;
import io.voiceplatform.core.testing.TestingPlugins;
import io.voiceplatform.core.testing.TestingProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input over HTTP: each case asserts the status, the error type and param in OpenAI's shape, that no
 * stack trace leaks, and that the next good request still works.
 */
@Timeout(120)
class TestBadInput {
    private static final String KEY = "sk-bad-input-suite";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static VoiceRuntime runtime;
    private static Javalin server;

    @TempDir
    static Path workDir;

    @BeforeAll
    static void start() throws Exception {
        Path conf = workDir.resolve("bad.conf");
        Files.writeString(conf, "voice.stt.providers = [\"fake\"]\nvoice.tts.providers = [\"fake\"]\nvoice.providers.local.enabled = false\n");
        runtime = VoiceRuntime.start(VoiceConfig.load(new ConfigSources(Map.of(), Map.of(), workDir, Optional.of(conf),
                TestBadInput.class.getClassLoader())), List.of(TestingPlugins.of(new TestingProvider("fake"))), List.of());
        OpenAiApi api = new OpenAiApi(runtime.pipeline(), runtime.registry(), PerformanceStatus.notInstalled(false),
                new ApiSettings(2 << 20, List.of(Secret.of(KEY)), 100_000, false, 256L << 20, Duration.ofSeconds(2)),
                new SimpleMeterRegistry(), JSON);
        server = Javalin.create(api::configure).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.stop();
        runtime.close();
    }

    /** One bad request and what must come back. */
    record Case(String name, String path, Map<String, String> headers, byte[] body, int status, String type, String param) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case speech(String name, String json, int status, String param) {
        return new Case(name, "/v1/audio/speech", Map.of("Content-Type", "application/json"),
                json.getBytes(StandardCharsets.UTF_8), status, "invalid_request_error", param);
    }

    private static Case upload(String name, byte[] file, int status, String param, String... fields) {
        Form form = new Form();
        if (file != null) {
            form.file("file", "audio.wav", file);
        }
        for (int i = 0; i < fields.length; i += 2) {
            form.field(fields[i], fields[i + 1]);
        }
        return new Case(name, "/v1/audio/transcriptions", Map.of("Content-Type", form.type()), form.body(), status,
                "invalid_request_error", param);
    }

    private static byte[] wavHeader(int riffSize, int dataSize, int rate, int bits) {
        return ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN).put("RIFF".getBytes()).putInt(riffSize)
                .put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) bits).put("data".getBytes())
                .putInt(dataSize).array();
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        byte[] wav = TestingAudio.wav(0.2, 440);
        // Transcription uploads.
        cases.add(upload("multipart without file", null, 400, "file", "model", "whisper-1"));
        cases.add(upload("empty file", new byte[0], 400, "file"));
        cases.add(upload("one byte", new byte[]{7}, 400, "file"));
        cases.add(upload("truncated WAV header", java.util.Arrays.copyOf(wav, 10), 400, "file"));
        cases.add(upload("PNG renamed .wav", "\u0089PNG\r\n\u001a\n00000000000000".getBytes(StandardCharsets.ISO_8859_1), 400, "file"));
        cases.add(upload("ZIP renamed .wav", "PK\u0003\u0004000000000000000".getBytes(StandardCharsets.ISO_8859_1), 400, "file"));
        cases.add(upload("text renamed .wav", "just some text, not audio".getBytes(), 400, "file"));
        cases.add(upload("ADTS AAC is not a transcription format here", new byte[]{(byte) 0xFF, (byte) 0xF1, 0x50, (byte) 0x80, 0, 0}, 400, "file"));
        cases.add(upload("unknown response_format", wav, 400, "response_format", "response_format", "docx"));
        cases.add(upload("response_format with spaces", wav, 400, "response_format", "response_format", "json text"));
        cases.add(upload("temperature not a number", wav, 400, "temperature", "temperature", "hot"));
        cases.add(upload("temperature below 0", wav, 400, "temperature", "temperature", "-0.1"));
        cases.add(upload("temperature above 1", wav, 400, "temperature", "temperature", "1.5"));
        cases.add(upload("temperature NaN", wav, 400, "temperature", "temperature", "NaN"));
        cases.add(upload("unknown granularity", wav, 400, "timestamp_granularities", "timestamp_granularities[]", "sentence"));
        cases.add(upload("unknown model", wav, 404, "model", "model", "nosuch-model"));
        cases.add(upload("unknown provider/model", wav, 404, "model", "model", "nosuch/model-1"));
        cases.add(upload("language not a tag", wav, 400, "language", "language", "english please"));
        cases.add(upload("language with control characters", wav, 400, "language", "language", "en\u0001US"));
        cases.add(upload("language no provider serves", wav, 400, "language", "language", "tr-TR"));
        cases.add(upload("prompt over 4096 characters", wav, 400, "prompt", "prompt", "p".repeat(4097)));
        Form two = new Form().file("file", "a.wav", wav).file("file", "b.wav", wav);
        cases.add(new Case("two files", "/v1/audio/transcriptions", Map.of("Content-Type", two.type()), two.body(), 400, "invalid_request_error", "file"));
        cases.add(new Case("broken boundary", "/v1/audio/transcriptions", Map.of("Content-Type", "multipart/form-data; boundary=abc"),
                "--xyz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nzzz\r\n--xyz--\r\n".getBytes(), 400, "invalid_request_error", "file"));
        cases.add(new Case("multipart without boundary", "/v1/audio/transcriptions", Map.of("Content-Type", "multipart/form-data"),
                "whatever".getBytes(), 400, "invalid_request_error", "file"));
        cases.add(new Case("transcription as JSON", "/v1/audio/transcriptions", Map.of("Content-Type", "application/json"),
                "{\"file\":\"abc\"}".getBytes(), 415, "invalid_request_error", null));
        cases.add(new Case("upload over the limit by Content-Length", "/v1/audio/transcriptions",
                Map.of("Content-Type", "multipart/form-data; boundary=b"), new byte[4 << 20], 413, "invalid_request_error", null));
        // Speech JSON.
        cases.add(speech("invalid JSON", "{\"input\": ", 400, null));
        cases.add(speech("JSON array", "[1,2,3]", 400, null));
        cases.add(speech("JSON string", "\"hello\"", 400, null));
        cases.add(speech("empty body", "", 400, null));
        cases.add(speech("input missing", "{\"voice\":\"alloy\"}", 400, "input"));
        cases.add(speech("input null", "{\"input\":null}", 400, "input"));
        cases.add(speech("input a number", "{\"input\":42}", 400, "input"));
        cases.add(speech("input an object", "{\"input\":{\"text\":\"hi\"}}", 400, "input"));
        cases.add(speech("input empty", "{\"input\":\"\"}", 400, "input"));
        cases.add(speech("input whitespace", "{\"input\":\" \\n\\t \"}", 400, "input"));
        cases.add(speech("input 4097 characters", "{\"input\":\"" + "a".repeat(4097) + "\"}", 400, "input"));
        cases.add(speech("input with NUL", "{\"input\":\"a\\u0000b\"}", 400, "input"));
        cases.add(speech("voice a number", "{\"input\":\"hi\",\"voice\":7}", 400, "voice"));
        cases.add(speech("unknown voice", "{\"input\":\"hi\",\"voice\":\"nobody-at-all\",\"response_format\":\"wav\"}", 400, "voice"));
        cases.add(speech("unknown response_format", "{\"input\":\"hi\",\"response_format\":\"ogg-vorbis\"}", 400, "response_format"));
        cases.add(speech("response_format a number", "{\"input\":\"hi\",\"response_format\":3}", 400, "response_format"));
        cases.add(speech("speed 0", "{\"input\":\"hi\",\"speed\":0}", 400, "speed"));
        cases.add(speech("speed -1", "{\"input\":\"hi\",\"speed\":-1}", 400, "speed"));
        cases.add(speech("speed 10", "{\"input\":\"hi\",\"speed\":10}", 400, "speed"));
        cases.add(speech("speed fast", "{\"input\":\"hi\",\"speed\":\"fast\"}", 400, "speed"));
        cases.add(speech("speed NaN as text", "{\"input\":\"hi\",\"speed\":\"NaN\"}", 400, "speed"));
        cases.add(speech("speed a list", "{\"input\":\"hi\",\"speed\":[1]}", 400, "speed"));
        cases.add(speech("model a number", "{\"input\":\"hi\",\"model\":5}", 400, "model"));
        cases.add(speech("unknown model", "{\"input\":\"hi\",\"model\":\"nosuch\"}", 404, "model"));
        cases.add(new Case("speech as text/plain", "/v1/audio/speech", Map.of("Content-Type", "text/plain"), "hi".getBytes(), 415, "invalid_request_error", null));
        cases.add(new Case("speech without content type", "/v1/audio/speech", Map.of(), "{\"input\":\"hi\"}".getBytes(), 415, "invalid_request_error", null));
        cases.add(new Case("invalid UTF-8 input", "/v1/audio/speech", Map.of("Content-Type", "application/json"),
                new byte[]{'{', '"', 'i', 'n', 'p', 'u', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, 400, "invalid_request_error", null));
        cases.add(speech("1 MB input", "{\"input\":\"" + "a".repeat(1 << 20) + "\"}", 413, null));
        // Paths and methods.
        cases.add(new Case("unknown path", "/v1/audio/translate-everything", Map.of("Content-Type", "application/json"), "{}".getBytes(), 404, "invalid_request_error", null));
        cases.add(new Case("wrong method", "/v1/models", Map.of("Content-Type", "application/json"), "{}".getBytes(), 405, "invalid_request_error", null));
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedClearlyAndTheServiceKeepsServing(Case c) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + c.path()))
                .header("Authorization", "Bearer " + KEY).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(c.body()));
        c.headers().forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(c.status(), response.statusCode(), c.name() + ": " + response.body());
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertNotNull(error, c.name() + ": not OpenAI's error shape: " + response.body());
        assertEquals(c.type(), error.get("type").asText(), c.name());
        assertEquals(c.param(), error.get("param").isNull() ? null : error.get("param").asText(), c.name() + ": " + response.body());
        assertFalse(response.body().contains("\tat ") || response.body().contains("Exception"), "a stack trace leaked: " + response.body());
        assertTrue(response.headers().firstValue("Set-Cookie").isEmpty());
        HttpResponse<String> good = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/audio/speech"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"still here 🙂 שלום\",\"response_format\":\"wav\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, good.statusCode(), "the next good request failed after: " + c.name());
    }

    /** A multipart body. */
    static final class Form {
        private final String boundary = "bad-input-boundary";
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Form field(String name, String value) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Form file(String name, String filename, byte[] bytes) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(bytes);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            return this;
        }

        String type() {
            return "multipart/form-data; boundary=" + boundary;
        }

        byte[] body() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(out.toByteArray());
            all.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return all.toByteArray();
        }
    }
}
