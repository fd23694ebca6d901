package io.voiceplatform.providers.elevenlabs;

import io.voiceplatform.providers.support.ProviderHttp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.HealthProbe;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.plugin.ProviderContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * How the ElevenLabs providers call ElevenLabs: the {@code xi-api-key} header, the configured deadline, and
 * the {@code detail} of error bodies (https://elevenlabs.io/docs/eleven-api/resources/errors) read into the
 * failure. ElevenLabs answers an exhausted quota with 401 and an unknown voice with 400, so those are told
 * apart from a refused key and a wrong request by their code. A refused key keeps the provider down until its
 * configuration changes.
 */
final class ElevenLabsApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NO_KEY = "no API key configured (voice.providers.elevenlabs.api-key or ELEVENLABS_API_KEY)";

    private final ElevenLabsSettings settings;
    private final ProviderHttp http;
    private final AtomicBoolean closed = new AtomicBoolean();

    ElevenLabsApi(ElevenLabsSettings settings, ProviderContext context) {
        this.settings = settings;
        this.http = new ProviderHttp(ElevenLabsPlugin.ID, context.transport(), context.scheduler(), settings.timeout(),
                settings.apiKey(), ElevenLabsApi::errorMessage, ElevenLabsApi::kindOf);
    }

    HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("xi-api-key", settings.apiKey().reveal());
    }

    private CompletableFuture<byte[]> sendForBytes(HttpRequest request) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(VoiceException.of(ErrorKind.UNAVAILABLE, ElevenLabsPlugin.ID, "the ElevenLabs provider is closed", null));
        }
        if (!settings.apiKey().isPresent()) {
            return CompletableFuture.failedFuture(VoiceException.of(ErrorKind.AUTHENTICATION, ElevenLabsPlugin.ID, NO_KEY, null));
        }
        return http.send(request);
    }

    /**
     * Sends a request and reads the JSON answer. Cancelling the returned future abandons the exchange.
     */
    <T> CompletableFuture<T> sendForJson(HttpRequest request, Function<JsonNode, T> reader) {
        return send(request, body -> reader.apply(parse(body)));
    }

    /** Sends a request and reads the answer's bytes. Cancelling the returned future abandons the exchange. */
    <T> CompletableFuture<T> send(HttpRequest request, Function<byte[], T> reader) {
        CompletableFuture<byte[]> exchange = sendForBytes(request);
        return http.read(exchange, reader);
    }

    byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    HealthProbe health() {
        if (!settings.apiKey().isPresent()) {
            return HealthProbe.unhealthy(NO_KEY);
        }
        String failure = http.credentialsRefused().orElse(null);
        return failure == null ? HealthProbe.healthy() : HealthProbe.unhealthy(failure);
    }

    void close() {
        closed.set(true);
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw VoiceException.of(ErrorKind.PROVIDER_ERROR, ElevenLabsPlugin.ID, "ElevenLabs answered a body that is not JSON", e);
        }
    }

    /** An exhausted quota is a limit, not a refused key; an unknown voice is something another provider may have. */
    private static ErrorKind kindOf(int status, byte[] body) {
        return switch (code(body)) {
            case "quota_exceeded" -> ErrorKind.RATE_LIMITED;
            case "voice_not_found" -> ErrorKind.UNSUPPORTED;
            default -> null;
        };
    }

    private static String code(byte[] body) {
        JsonNode detail = detail(body);
        return detail.path("code").asText(detail.path("status").asText(""));
    }

    private static JsonNode detail(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            return root == null ? JSON.missingNode() : root.path("detail");
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    /** {@code detail.message} with its code, the messages of a 422 validation list, or the body's start. */
    static String errorMessage(byte[] body) {
        JsonNode detail = detail(body);
        if (detail.isObject() && detail.hasNonNull("message")) {
            String code = detail.path("code").asText(detail.path("status").asText(""));
            return (code.isEmpty() ? "" : code + ": ") + detail.path("message").asText();
        }
        if (detail.isArray()) {
            List<String> problems = new ArrayList<>();
            for (JsonNode problem : detail) {
                List<String> location = new ArrayList<>();
                problem.path("loc").forEach(part -> location.add(part.asText()));
                problems.add(String.join(".", location) + ": " + problem.path("msg").asText());
            }
            return String.join("; ", problems);
        }
        if (detail.isTextual()) {
            return detail.asText();
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
