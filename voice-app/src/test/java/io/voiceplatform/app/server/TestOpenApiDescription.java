package io.voiceplatform.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voiceplatform.core.testing.TestingAudio;
import io.voiceplatform.core.testing.TestingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /openapi.json against what the server really answers: every documented operation is called, its status
 * and content type must be documented, and JSON bodies must carry the properties their schema requires.
 */
@Timeout(60)
class TestOpenApiDescription {
    private final ObjectMapper json = new ObjectMapper();
    private TestingService service;
    private JsonNode spec;

    @TempDir
    Path workDir;

    @BeforeEach
    void start() throws Exception {
        service = new TestingService(workDir, Duration.ofSeconds(5), new TestingProvider("fake"));
        HttpResponse<String> response = service.get("/openapi.json");
        assertEquals(200, response.statusCode());
        spec = json.readTree(response.body());
    }

    @AfterEach
    void stop() {
        service.close();
    }

    /** A valid request, and a bad one, for each documented operation. */
    private Map<String, List<HttpRequest>> calls() {
        String boundary = "spec-boundary";
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        form.writeBytes(TestingAudio.wav(0.2, 440));
        form.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"response_format\"\r\n\r\nverbose_json\r\n--"
                + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return Map.of(
                "post /v1/audio/transcriptions", List.of(
                        post("/v1/audio/transcriptions", "multipart/form-data; boundary=" + boundary, form.toByteArray()),
                        post("/v1/audio/transcriptions", "text/plain", "x".getBytes())),
                "post /v1/audio/speech", List.of(
                        post("/v1/audio/speech", "application/json", "{\"input\":\"hi\",\"response_format\":\"wav\"}".getBytes()),
                        post("/v1/audio/speech", "application/json", "{\"input\":\"hi\",\"speed\":9}".getBytes())),
                "get /v1/models", List.of(get("/v1/models")),
                "get /v1/models/{id}", List.of(get("/v1/models/auto"), get("/v1/models/none")),
                "get /health", List.of(get("/health")),
                "get /health/ready", List.of(get("/health/ready")),
                "get /health/details", List.of(get("/health/details")),
                "get /metrics", List.of(get("/metrics")),
                "get /openapi.json", List.of(get("/openapi.json")));
    }

    private HttpRequest post(String path, String type, byte[] body) {
        return HttpRequest.newBuilder(service.uri(path)).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(service.uri(path)).GET().build();
    }

    @Test
    void everyDocumentedOperationAnswersAsDocumented() throws Exception {
        Map<String, List<HttpRequest>> calls = calls();
        List<String> documented = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.get("paths").properties().iterator(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().properties().iterator(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String key = op.getKey() + " " + path.getKey();
                documented.add(key);
                List<HttpRequest> requests = calls.get(key);
                assertNotNull(requests, "no call for documented operation " + key);
                for (HttpRequest request : requests) {
                    checkAgainstSpec(key, op.getValue(), service.send(request));
                }
            }
        }
        assertEquals(calls.keySet().stream().sorted().toList(), documented.stream().sorted().toList(),
                "the description and the served operations differ");
    }

    private void checkAgainstSpec(String operation, JsonNode op, HttpResponse<String> response) throws Exception {
        JsonNode documented = resolve(op.get("responses").get(Integer.toString(response.statusCode())));
        assertNotNull(documented, operation + " answered " + response.statusCode() + ", which is not documented: " + response.body());
        String type = response.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
        JsonNode content = documented.get("content");
        assertTrue(content != null && content.has(type), operation + " answered " + type + " for " + response.statusCode());
        JsonNode schema = resolve(content.get(type).get("schema"));
        if (type.equals("application/json")) {
            requireProperties(operation, schema, json.readTree(response.body()));
        }
    }

    private void requireProperties(String operation, JsonNode schema, JsonNode value) {
        schema = resolve(schema);
        for (JsonNode required : schema.path("required")) {
            assertTrue(value.has(required.asText()), operation + ": missing '" + required.asText() + "' in " + value);
        }
        schema.path("properties").properties().forEach(property -> {
            JsonNode child = value.get(property.getKey());
            JsonNode childSchema = resolve(property.getValue());
            if (child != null && child.isObject()) {
                requireProperties(operation, childSchema, child);
            } else if (child != null && child.isArray() && childSchema.has("items")) {
                child.forEach(item -> requireProperties(operation, childSchema.get("items"), item));
            }
        });
    }

    private JsonNode resolve(JsonNode node) {
        if (node == null || !node.has("$ref")) {
            return node;
        }
        JsonNode target = spec;
        for (String part : node.get("$ref").asText().substring(2).split("/")) {
            target = target.get(part);
        }
        return resolve(target);
    }
}
