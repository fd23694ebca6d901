package io.voiceplatform.tools.validate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The service under validation, spoken to over HTTP as any OpenAI client would: the JDK's HTTP client, every
 * request with a time limit, the API key (when given) as {@code Authorization: Bearer}.
 */
final class ServiceClient {
    static final String CACHE_HEADER = "X-Voice-Cache";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration METRICS_TIMEOUT = Duration.ofSeconds(2);

    private final String base;
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /** @param apiKey null to send no Authorization header */
    ServiceClient(URI base, String apiKey, Duration timeout) {
        String text = base.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout.compareTo(PROBE_TIMEOUT) < 0 ? timeout : PROBE_TIMEOUT).build();
    }

    String url() {
        return base;
    }

    /** {@code GET /health} must answer 200 with status UP; {@code /health/details} adds version and performance. */
    ServiceAtStart probe() {
        HttpResponse<String> health;
        try {
            health = get("/health", PROBE_TIMEOUT);
        } catch (IOException e) {
            return ServiceAtStart.unreachable(base, describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ServiceAtStart.unreachable(base, "interrupted");
        }
        String status = field(health.body(), "status");
        boolean up = health.statusCode() == 200 && "UP".equalsIgnoreCase(status);
        String problem = up ? null : "GET /health answered " + health.statusCode() + (status == null ? "" : " with status " + status);
        String version = null;
        Map<String, Object> performance = null;
        try {
            HttpResponse<String> details = get("/health/details", PROBE_TIMEOUT);
            if (details.statusCode() == 200) {
                JsonNode node = json.readTree(details.body());
                version = node.hasNonNull("version") ? node.get("version").asText() : null;
                if (node.has("performance") && node.get("performance").isObject()) {
                    performance = json.convertValue(node.get("performance"), new TypeReference<LinkedHashMap<String, Object>>() {
                    });
                }
            }
        } catch (IOException | RuntimeException e) {
            // The details are extra information; health alone decides.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new ServiceAtStart(base, true, up, problem, version, performance);
    }

    /** Speech in WAV for the transcription inputs; fails with a one-line reason. */
    byte[] synthesizeWav(String text) throws IOException, InterruptedException {
        HttpRequest request = speechRequest(text).build();
        HttpResponse<byte[]> response;
        try {
            response = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException(describe(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no answer within " + timeout.toMillis() + " ms");
        }
        if (response.statusCode() != 200) {
            throw new IOException("POST /v1/audio/speech answered " + response.statusCode() + errorTypeSuffix(response.body()));
        }
        if (!WavPadding.isWav(response.body())) {
            throw new IOException("POST /v1/audio/speech with response_format wav did not answer a WAV");
        }
        return response.body();
    }

    /** Sends a planned request; the future always completes, with a success or a classified failure. */
    CompletableFuture<Outcome> send(PlannedRequest planned, long loadStartNanos) {
        HttpRequest request = planned.operation() == Operation.TTS ? speechRequest(planned.text()).build()
                : transcriptionRequest(planned.wav(), planned.prompt());
        long sent = System.nanoTime();
        double startedMs = (sent - loadStartNanos) / 1e6;
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .handle((response, failure) -> classify(planned, startedMs, (System.nanoTime() - sent) / 1e6, response, failure));
    }

    /** The Prometheus text of {@code GET /metrics}, or an exception whose message says why not. */
    String metrics() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/metrics", METRICS_TIMEOUT);
        if (response.statusCode() != 200) {
            throw new IOException("GET /metrics answered " + response.statusCode());
        }
        return response.body();
    }

    private HttpResponse<String> get(String path, Duration limit) throws IOException, InterruptedException {
        return http.send(authorized(HttpRequest.newBuilder(URI.create(base + path))).timeout(limit).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder speechRequest(String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", "tts-1");
        body.put("input", text);
        body.put("voice", "alloy");
        body.put("response_format", "wav");
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return authorized(HttpRequest.newBuilder(URI.create(base + Operation.TTS.path()))).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    }

    private HttpRequest transcriptionRequest(byte[] wav, String prompt) {
        String boundary = "voice-validate-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(wav.length + 1024);
        field(body, boundary, "model", "whisper-1");
        field(body, boundary, "response_format", "json");
        if (prompt != null) {
            field(body, boundary, "prompt", prompt);
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"speech.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(wav);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return authorized(HttpRequest.newBuilder(URI.create(base + Operation.STT.path()))).timeout(timeout)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    }

    private static void field(ByteArrayOutputStream body, String boundary, String name, String value) {
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        return apiKey == null || apiKey.isBlank() ? builder : builder.header("Authorization", "Bearer " + apiKey);
    }

    private Outcome classify(PlannedRequest planned, double startedMs, double latencyMs, HttpResponse<byte[]> response,
                             Throwable failure) {
        boolean countsForCache = planned.repeated() && planned.afterWarm();
        if (failure != null) {
            return new Outcome(planned.operation(), startedMs, latencyMs, 0, false, false, kindOf(failure), null,
                    planned.repeated(), countsForCache);
        }
        String cache = response.headers().firstValue(CACHE_HEADER).orElse(null);
        int status = response.statusCode();
        boolean success = false;
        boolean correctError = false;
        String kind;
        if (status == 200) {
            success = usable(planned.operation(), response.body());
            kind = success ? null : "200 with an unusable body";
        } else if (status >= 400) {
            String type = errorType(response.body());
            correctError = type != null;
            kind = status + " " + (type == null ? "without an OpenAI error body" : type);
        } else {
            kind = status + " (unexpected status)";
        }
        return new Outcome(planned.operation(), startedMs, latencyMs, status, success, correctError, kind, cache,
                planned.repeated(), countsForCache);
    }

    /** Speech must be a WAV (it was asked for); a transcript must be JSON with a text field. */
    private boolean usable(Operation operation, byte[] body) {
        if (operation == Operation.TTS) {
            return body.length > 44 && WavPadding.isWav(body);
        }
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.hasNonNull("text") && node.get("text").isTextual();
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code error.type} of an OpenAI error body; null when the body is not one. */
    private String errorType(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            JsonNode error = node == null ? null : node.get("error");
            if (error != null && error.isObject() && error.hasNonNull("type") && error.hasNonNull("message")) {
                return error.get("type").asText();
            }
        } catch (IOException e) {
            // Not JSON: not OpenAI's shape.
        }
        return null;
    }

    private String errorTypeSuffix(byte[] body) {
        String type = errorType(body);
        return type == null ? "" : " (" + type + ")";
    }

    private String field(String body, String name) {
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.hasNonNull(name) ? node.get(name).asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** A transport failure as an error kind, in a few words: {@code timeout}, {@code connection refused}, ... */
    static String kindOf(Throwable failure) {
        Throwable cause = unwrapped(failure);
        if (cause instanceof HttpConnectTimeoutException) {
            return "connect timeout";
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return "timeout";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        return "I/O error (" + cause.getClass().getSimpleName() + ")";
    }

    /** The error kind with the failure's message, for one-off failures such as the start-up probe. */
    static String describe(Throwable failure) {
        Throwable cause = unwrapped(failure);
        String message = cause.getMessage();
        return kindOf(cause) + (message == null || message.isBlank() ? "" : ": " + message.replaceAll("\\s+", " "));
    }

    private static Throwable unwrapped(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
