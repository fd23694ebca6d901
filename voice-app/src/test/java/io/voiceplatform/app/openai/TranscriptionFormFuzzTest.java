package io.voiceplatform.app.openai;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.voiceplatform.api.plugin.Secret;
import io.voiceplatform.core.bootstrap.VoiceRuntime;
import io.voiceplatform.core.config.ConfigSources;
import io.voiceplatform.core.config.VoiceConfig;
import io.voiceplatform.core.health.PerformanceStatus;
import io.voiceplatform.core.testing.TestingPlugins;
import io.voiceplatform.core.testing.TestingProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzzes the transcription endpoint's multipart parsing where it really happens: the body goes over loopback
 * to the real API (Jetty's multipart parser, then the field and file checks), an in-memory provider behind it.
 * Whatever the bytes, the answer is a transcript or a 4xx in OpenAI's error shape, never a 500, never a stack
 * trace, and it comes within the request deadline. Seeds: src/test/resources/.../TranscriptionFormFuzzTestInputs.
 */
class TranscriptionFormFuzzTest {
    static final String BOUNDARY = "fuzz-boundary";
    private static final Set<Integer> ANSWERS = Set.of(200, 400, 404, 413, 415);
    /** What a stack trace or an exception's description would bring into an answer. */
    private static final List<String> INTERNALS = List.of("\tat ", "Exception", "java.", "org.eclipse.", "io.javalin.", "io.voiceplatform.");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Path workDir;
    private static VoiceRuntime runtime;
    private static Javalin server;

    @BeforeAll
    static void start() throws Exception {
        workDir = Files.createTempDirectory("form-fuzz");
        Path conf = workDir.resolve("fuzz.conf");
        Files.writeString(conf, "voice.stt.providers = [\"fake\"]\nvoice.tts.providers = [\"fake\"]\nvoice.providers.local.enabled = false\n");
        runtime = VoiceRuntime.start(VoiceConfig.load(new ConfigSources(Map.of(), Map.of(), workDir, Optional.of(conf),
                TranscriptionFormFuzzTest.class.getClassLoader())), List.of(TestingPlugins.of(new TestingProvider("fake"))), List.of());
        OpenAiApi api = new OpenAiApi(runtime.pipeline(), runtime.registry(), PerformanceStatus.notInstalled(false),
                new ApiSettings(1 << 20, List.<Secret>of(), Integer.MAX_VALUE, false, 256L << 20, Duration.ofSeconds(2)),
                new SimpleMeterRegistry(), JSON);
        server = Javalin.create(api::configure).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        runtime.close();
        try (var files = Files.walk(workDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    // No @Timeout: JUnit would apply it to the whole fuzzing run; each request has its own deadline instead.
    @FuzzTest(maxDuration = "60s")
    void answersEveryBodyWithATranscriptOrAClientError(byte[] body) throws Exception {
        HttpResponse<String> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/audio/transcriptions"))
                    .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            fail("no answer within 10 s: the body makes the service hang");
            return;
        }
        assertTrue(ANSWERS.contains(response.statusCode()), response.statusCode() + ": " + response.body());
        String sent = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String internal : INTERNALS) {
            // Fields are echoed in messages, so only what the body did not bring in counts.
            assertFalse(response.body().contains(internal) && !sent.contains(internal), "internals leaked: " + response.body());
        }
        if (response.statusCode() == 200) {
            // json and verbose_json carry the text in a field; text, srt and vtt are the text itself.
            boolean json = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
            assertTrue(json ? JSON.readTree(response.body()).path("text").isTextual() : !response.body().isEmpty(), response.body());
        } else {
            JsonNode error = JSON.readTree(response.body()).get("error");
            assertNotNull(error, "not OpenAI's error shape: " + response.body());
            assertEquals("invalid_request_error", error.path("type").asText(), response.body());
            assertTrue(error.path("message").isTextual(), response.body());
        }
    }
}
