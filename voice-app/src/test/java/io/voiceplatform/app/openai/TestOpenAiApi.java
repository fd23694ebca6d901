package io.voiceplatform.app.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.plugin.Secret;
import io.voiceplatform.core.bootstrap.VoiceRuntime;
import io.voiceplatform.core.config.ConfigSources;
import io.voiceplatform.core.config.VoiceConfig;
import io.voiceplatform.core.health.PerformanceStatus;
import io.voiceplatform.core.testing.TestingAudio;
import io.voiceplatform.core.testing.TestingPlugins;
import io.voiceplatform.core.testing.TestingProvider;
import io.voiceplatform.core.testing.TestingProvider.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenAI audio API over HTTP on a free loopback port, with in-memory providers behind it. */
@Timeout(60)
class TestOpenAiApi {
    private static final String KEY = "sk-test-canary-0123456789";
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final TestingProvider first = new TestingProvider("first");
    private final TestingProvider second = new TestingProvider("second");
    private VoiceRuntime runtime;
    private Javalin server;
    private String base;

    @TempDir
    Path workDir;

    @BeforeEach
    void start() throws Exception {
        Path conf = workDir.resolve("test.conf");
        Files.writeString(conf, """
                voice.stt.providers = ["first", "second"]
                voice.tts.providers = ["first", "second"]
                voice.resilience.retry.initial-backoff = 5ms
                voice.resilience.retry.max-backoff = 20ms
                voice.providers.local.enabled = false
                """);
        VoiceConfig config = VoiceConfig.load(new ConfigSources(Map.of(), Map.of(), workDir, Optional.of(conf),
                getClass().getClassLoader()));
        runtime = VoiceRuntime.start(config, List.of(TestingPlugins.of(first, second)), List.of());
        ApiSettings settings = new ApiSettings(1 << 20, List.of(Secret.of(KEY)), 1000, false, 256L << 20, Duration.ofSeconds(2));
        OpenAiApi api = new OpenAiApi(runtime.pipeline(), runtime.registry(), PerformanceStatus.notInstalled(false),
                settings, new SimpleMeterRegistry(), json);
        server = Javalin.create(api::configure).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.stop();
        runtime.close();
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder post(String path, String contentType, byte[] body) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + KEY)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static final class Multipart {
        private final String boundary = "b" + UUID.randomUUID();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Multipart field(String name, String value) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Multipart file(String name, String filename, byte[] bytes) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(bytes);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            return this;
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        byte[] body() {
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            copy.writeBytes(out.toByteArray());
            copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return copy.toByteArray();
        }
    }

    private HttpResponse<byte[]> transcribe(Multipart form) throws Exception {
        return send(post("/v1/audio/transcriptions", form.contentType(), form.body()));
    }

    private HttpResponse<byte[]> speak(String body) throws Exception {
        return send(post("/v1/audio/speech", "application/json", body.getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode error(HttpResponse<byte[]> response, int status, String param) throws Exception {
        assertEquals(status, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode error = json.readTree(response.body()).get("error");
        assertNotNull(error, "OpenAI error shape");
        assertTrue(error.has("message") && error.has("type") && error.has("param") && error.has("code"));
        assertEquals(param, error.get("param").isNull() ? null : error.get("param").asText());
        return error;
    }

    @Test
    void transcribesAnUploadTypedAsOctetStreamBySniffingItsBytes() throws Exception {
        HttpResponse<byte[]> response = transcribe(new Multipart().file("file", "clip.bin", TestingAudio.wav(0.2, 440))
                .field("model", "whisper-1"));
        assertEquals(200, response.statusCode(), new String(response.body()));
        assertEquals("hello from first", json.readTree(response.body()).get("text").asText());
        assertEquals("first", response.headers().firstValue("X-Voice-Provider").orElseThrow());
        assertEquals("1", response.headers().firstValue("X-Voice-Attempts").orElseThrow());
        assertTrue(response.headers().firstValue("X-Request-Id").isPresent());
        assertFalse(response.headers().firstValue("X-Voice-Cache").isPresent(), "no cache header without the performance module");
    }

    @Test
    void answersInEveryResponseFormat() throws Exception {
        byte[] wav = TestingAudio.wav(0.2, 440);
        HttpResponse<byte[]> text = transcribe(new Multipart().file("file", "a.wav", wav).field("response_format", "text"));
        assertEquals("hello from first\n", new String(text.body(), StandardCharsets.UTF_8));
        HttpResponse<byte[]> srt = transcribe(new Multipart().file("file", "a.wav", wav).field("response_format", "srt"));
        assertTrue(new String(srt.body()).startsWith("1\n00:00:00,000 --> 00:00:00,200\nhello from first"), new String(srt.body()));
        HttpResponse<byte[]> vtt = transcribe(new Multipart().file("file", "a.wav", wav).field("response_format", "vtt"));
        assertTrue(new String(vtt.body()).startsWith("WEBVTT\n\n00:00:00.000 --> 00:00:00.200"), new String(vtt.body()));
        JsonNode verbose = json.readTree(transcribe(new Multipart().file("file", "a.wav", wav)
                .field("response_format", "verbose_json").field("timestamp_granularities[]", "word")).body());
        assertEquals("english", verbose.get("language").asText());
        assertEquals(0.2, verbose.get("duration").asDouble());
        assertEquals(1, verbose.get("segments").size());
        assertTrue(verbose.has("words"));
    }

    @Test
    void pinsAProviderByModelAndEchoesTheRequestId() throws Exception {
        HttpResponse<byte[]> response = send(post("/v1/audio/transcriptions", "x", new byte[0])
                .header("X-Request-Id", "req-42"));
        assertEquals("req-42", response.headers().firstValue("X-Request-Id").orElseThrow());
        Multipart form = new Multipart().file("file", "a.wav", TestingAudio.wav(0.2, 440)).field("model", "second/second-model");
        HttpResponse<byte[]> pinned = transcribe(form);
        assertEquals("second", pinned.headers().firstValue("X-Voice-Provider").orElseThrow());
    }

    @Test
    void synthesizesSpeechWithTheRightContentType() throws Exception {
        HttpResponse<byte[]> response = speak("{\"model\":\"tts-1\",\"input\":\"hello\",\"voice\":\"alloy\",\"response_format\":\"wav\"}");
        assertEquals(200, response.statusCode(), new String(response.body()));
        assertEquals("audio/wav", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("RIFF", new String(response.body(), 0, 4, StandardCharsets.US_ASCII));
    }

    @Test
    void aFormatTheProviderDoesNotMakeIsEncodedByThePlatform() throws Exception {
        HttpResponse<byte[]> response = speak("{\"input\":\"hello\",\"voice\":\"alloy\",\"response_format\":\"flac\"}");
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        assertEquals("fLaC", new String(response.body(), 0, 4, StandardCharsets.ISO_8859_1), "not a FLAC stream");
        assertEquals("audio/flac", response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void badFieldsAreFourHundredsThatNameTheField() throws Exception {
        error(speak("{\"voice\":\"alloy\"}"), 400, "input");
        error(speak("{\"input\":\"   \"}"), 400, "input");
        error(speak("{\"input\":42}"), 400, "input");
        error(speak("{\"input\":\"" + "a".repeat(4097) + "\"}"), 400, "input");
        error(speak("{\"input\":\"hi\",\"speed\":10}"), 400, "speed");
        error(speak("{\"input\":\"hi\",\"speed\":\"fast\"}"), 400, "speed");
        error(speak("{\"input\":\"hi\",\"speed\":0}"), 400, "speed");
        error(speak("{\"input\":\"hi\",\"response_format\":\"ogg-vorbis\"}"), 400, "response_format");
        error(speak("{\"input\":\"hi\",\"voice\":\"nobody-at-all\",\"response_format\":\"wav\"}"), 400, "voice");
        error(speak("{not json"), 400, null);
        error(transcribe(new Multipart().field("model", "auto")), 400, "file");
        error(transcribe(new Multipart().file("file", "a.wav", new byte[]{1})), 400, "file");
        error(transcribe(new Multipart().file("file", "a.wav", "\u0089PNG\r\n\u001a\n0000000000".getBytes(StandardCharsets.ISO_8859_1))), 400, "file");
        error(transcribe(new Multipart().file("file", "a.wav", TestingAudio.wav(0.1, 300)).file("file", "b.wav", TestingAudio.wav(0.1, 300))), 400, "file");
        error(transcribe(new Multipart().file("file", "a.wav", TestingAudio.wav(0.1, 300)).field("response_format", "docx")), 400, "response_format");
        error(transcribe(new Multipart().file("file", "a.wav", TestingAudio.wav(0.1, 300)).field("temperature", "hot")), 400, "temperature");
        error(send(post("/v1/audio/transcriptions", "text/plain", "hi".getBytes())), 415, null);
        assertEquals(200, speak("{\"input\":\"still serving\",\"response_format\":\"wav\"}").statusCode());
    }

    @Test
    void unknownModelsAndPathsAreFourOhFours() throws Exception {
        error(speak("{\"input\":\"hi\",\"model\":\"nosuch\"}"), 404, "model");
        error(send(HttpRequest.newBuilder(URI.create(base + "/v1/nowhere")).header("Authorization", "Bearer " + KEY).GET()), 404, null);
        error(send(HttpRequest.newBuilder(URI.create(base + "/v1/models/nosuch")).header("Authorization", "Bearer " + KEY).GET()), 404, "model");
        error(send(HttpRequest.newBuilder(URI.create(base + "/v1/audio/speech")).header("Authorization", "Bearer " + KEY).GET()), 405, null);
    }

    @Test
    void listsModels() throws Exception {
        JsonNode list = json.readTree(send(HttpRequest.newBuilder(URI.create(base + "/v1/models"))
                .header("Authorization", "Bearer " + KEY).GET()).body());
        assertEquals("list", list.get("object").asText());
        List<String> ids = new java.util.ArrayList<>();
        list.get("data").forEach(m -> ids.add(m.get("id").asText()));
        assertEquals(List.of("auto", "first", "first/first-model", "second", "second/second-model"), ids);
    }

    @Test
    void aMissingOrWrongKeyIsA401ThatNeverEchoesTheKey() throws Exception {
        error(send(HttpRequest.newBuilder(URI.create(base + "/v1/models")).GET()), 401, null);
        HttpResponse<byte[]> wrong = send(HttpRequest.newBuilder(URI.create(base + "/v1/models"))
                .header("Authorization", "Bearer sk-wrong-canary-key").GET());
        error(wrong, 401, null);
        assertFalse(new String(wrong.body()).contains("sk-wrong-canary-key"));
        error(send(HttpRequest.newBuilder(URI.create(base + "/v1/models")).header("Authorization", "Basic abc").GET()), 401, null);
    }

    @Test
    void whenEveryProviderFailsItIsA502ThatSaysWhatEachAnswered() throws Exception {
        first.then(Outcome.fail(ErrorKind.PROVIDER_ERROR));
        second.then(Outcome.fail(ErrorKind.AUTHENTICATION));
        JsonNode error = error(speak("{\"input\":\"hi\",\"response_format\":\"wav\"}"), 502, null);
        assertTrue(error.get("message").asText().contains("first: first says PROVIDER_ERROR"), error.toString());
        assertTrue(error.get("message").asText().contains("second: second says AUTHENTICATION"), error.toString());
    }

    @Test
    void whenEveryProviderIsRateLimitedItIsA429WithRetryAfter() throws Exception {
        first.then(Outcome.rateLimited(Duration.ofHours(1)));
        second.then(Outcome.rateLimited(Duration.ofHours(2)));
        HttpResponse<byte[]> response = speak("{\"input\":\"hi\",\"response_format\":\"wav\"}");
        error(response, 429, null);
        assertEquals("3600", response.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(1, first.calls(), "a long Retry-After is not hammered");
    }
}
