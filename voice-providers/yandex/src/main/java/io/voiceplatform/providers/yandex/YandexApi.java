package io.voiceplatform.providers.yandex;

import io.voiceplatform.providers.support.ProviderHttp;

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
import java.util.function.Function;

/**
 * How the Yandex providers call SpeechKit: {@code Authorization: Api-Key <key>}, or {@code Bearer <IAM token>}
 * without a key (https://yandex.cloud/en/docs/speechkit/concepts/auth), the configured deadline, and
 * SpeechKit's error bodies read into the failure: {@code error_code}/{@code error_message}, or the gateway's
 * {@code code}/{@code message} with a gRPC status code (https://yandex.cloud/en/docs/speechkit/concepts/response).
 * A refused credential keeps the provider down until its configuration changes.
 */
final class YandexApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NO_CREDENTIALS = "no credentials configured (voice.providers.yandex.api-key or YANDEX_API_KEY;"
            + " or iam-token or YANDEX_IAM_TOKEN with folder-id)";

    private final YandexSettings settings;
    private final ProviderHttp http;

    YandexApi(YandexSettings settings, ProviderContext context) {
        this.settings = settings;
        this.http = ProviderHttp.builder(YandexPlugin.ID, context).timeout(settings.timeout())
                .requiredCredential(settings.credential(), NO_CREDENTIALS).errorMessage(YandexApi::errorMessage).build();
    }

    HttpRequest.Builder request(URI uri) {
        String authorization = settings.apiKey().isPresent() ? "Api-Key " + settings.apiKey().reveal()
                : "Bearer " + settings.iamToken().reveal();
        return HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("Authorization", authorization);
    }

    /** {@code &folderId=<id>} when a folder is configured, else "". */
    String folderParameter() {
        return settings.folderId().isEmpty() ? "" : "&folderId=" + encode(settings.folderId());
    }

    /** Sends a request and reads the JSON answer. Cancelling the returned future abandons the exchange. */
    <T> CompletableFuture<T> sendForJson(HttpRequest request, Function<JsonNode, T> reader) {
        return send(request, body -> reader.apply(parse(body)));
    }

    /** Sends a request and reads the answer's bytes. Cancelling the returned future abandons the exchange. */
    <T> CompletableFuture<T> send(HttpRequest request, Function<byte[], T> reader) {
        return http.send(request, reader);
    }

    HealthProbe health() {
        return http.health();
    }

    void close() {
        http.close();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw new IOException("not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw VoiceException.of(ErrorKind.PROVIDER_ERROR, YandexPlugin.ID, "Yandex answered a body that is not a JSON object", e);
        }
    }

    /** The message of a SpeechKit error body, or the body's start when it is not one. */
    static String errorMessage(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null && root.hasNonNull("error_message")) {
                return (root.path("error_code").asText("") + " " + root.path("error_message").asText()).strip();
            }
            if (root != null && root.hasNonNull("message")) {
                return (status(root.path("code")) + " " + root.path("message").asText()).strip();
            }
        } catch (IOException e) {
            // not JSON: fall through to the raw text
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    /** The name of a gRPC status code, as SpeechKit's response page lists them. */
    private static String status(JsonNode code) {
        if (!code.isInt()) {
            return code.asText("");
        }
        return switch (code.asInt()) {
            case 3 -> "INVALID_ARGUMENT";
            case 4 -> "DEADLINE_EXCEEDED";
            case 7 -> "PERMISSION_DENIED";
            case 8 -> "RESOURCE_EXHAUSTED";
            case 12 -> "UNIMPLEMENTED";
            case 13 -> "INTERNAL";
            case 14 -> "UNAVAILABLE";
            case 16 -> "UNAUTHENTICATED";
            default -> "code " + code.asInt();
        };
    }
}
