package io.voiceplatform.providers.azure;

import io.voiceplatform.providers.support.ProviderHttp;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * How the Azure providers call the Speech service: the {@code Ocp-Apim-Subscription-Key} header, the
 * configured deadline, and whatever text an error answer carries (Azure documents no error body for these
 * endpoints; often there is none). A refused key keeps the provider down until its configuration changes.
 */
final class AzureApi {
    static final String USER_AGENT = "voice-platform";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NO_KEY = "no API key configured (voice.providers.azure.api-key or AZURE_SPEECH_KEY)";

    private final AzureSettings settings;
    private final ProviderHttp http;
    private final AtomicBoolean closed = new AtomicBoolean();

    AzureApi(AzureSettings settings, ProviderContext context) {
        this.settings = settings;
        this.http = new ProviderHttp(AzurePlugin.ID, context.transport(), context.scheduler(), settings.timeout(),
                settings.apiKey(), AzureApi::errorMessage);
    }

    HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("Ocp-Apim-Subscription-Key", settings.apiKey().reveal());
    }

    private CompletableFuture<byte[]> sendForBytes(HttpRequest request) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(VoiceException.of(ErrorKind.UNAVAILABLE, AzurePlugin.ID, "the Azure provider is closed", null));
        }
        if (!settings.apiKey().isPresent()) {
            return CompletableFuture.failedFuture(VoiceException.of(ErrorKind.AUTHENTICATION, AzurePlugin.ID, NO_KEY, null));
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
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw new IOException("not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw VoiceException.of(ErrorKind.PROVIDER_ERROR, AzurePlugin.ID, "Azure answered a body that is not a JSON object", e);
        }
    }

    /** The start of an error answer's text; Azure sends plain text, JSON or nothing. */
    static String errorMessage(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
