package io.voiceplatform.providers.deepgram;

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
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * How the Deepgram providers call Deepgram: {@code Authorization: Token <key>} on every request, the
 * configured deadline, and Deepgram's error bodies ({@code err_code}/{@code err_msg} or
 * {@code category}/{@code message}, https://developers.deepgram.com/reference/errors) read into the failure.
 * A refused key keeps the provider down until its configuration changes.
 */
final class DeepgramApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NO_KEY = "no API key configured (voice.providers.deepgram.api-key or DEEPGRAM_API_KEY)";

    private final DeepgramSettings settings;
    private final ProviderHttp http;
    private final AtomicBoolean closed = new AtomicBoolean();

    DeepgramApi(DeepgramSettings settings, ProviderContext context) {
        this.settings = settings;
        this.http = new ProviderHttp(DeepgramPlugin.ID, context.transport(), context.scheduler(), settings.timeout(),
                settings.apiKey(), DeepgramApi::errorMessage);
    }

    HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("Authorization", "Token " + settings.apiKey().reveal());
    }

    private CompletableFuture<byte[]> sendForBytes(HttpRequest request) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(VoiceException.of(ErrorKind.UNAVAILABLE, DeepgramPlugin.ID, "the Deepgram provider is closed", null));
        }
        if (!settings.apiKey().isPresent()) {
            return CompletableFuture.failedFuture(VoiceException.of(ErrorKind.AUTHENTICATION, DeepgramPlugin.ID, NO_KEY, null));
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

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw VoiceException.of(ErrorKind.PROVIDER_ERROR, DeepgramPlugin.ID, "Deepgram answered a body that is not JSON", e);
        }
    }

    /** The message of a Deepgram error body, or the body's start when it is not one. */
    static String errorMessage(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null && root.hasNonNull("err_msg")) {
                return root.path("err_code").asText("") + " " + root.path("err_msg").asText();
            }
            if (root != null && root.hasNonNull("message")) {
                return root.path("category").asText("") + " " + root.path("message").asText()
                        + (root.hasNonNull("details") ? " (" + root.path("details").asText() + ")" : "");
            }
        } catch (IOException e) {
            // not JSON: fall through to the raw text
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
