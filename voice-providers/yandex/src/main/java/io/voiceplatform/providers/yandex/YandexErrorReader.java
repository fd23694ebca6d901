package io.voiceplatform.providers.yandex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voiceplatform.providers.support.ErrorReader;

import java.io.IOException;
import java.util.Optional;

/**
 * SpeechKit's error bodies (https://yandex.cloud/en/docs/speechkit/concepts/response): API v1's
 * {@code error_code}/{@code error_message}, or the API gateway's {@code code}/{@code message} with a gRPC
 * status code.
 */
final class YandexErrorReader implements ErrorReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Optional<String> message(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root.hasNonNull("error_message")) {
                return Optional.of((root.path("error_code").asText("") + " " + root.path("error_message").asText()).strip());
            }
            if (root.hasNonNull("message")) {
                return Optional.of((status(root.path("code")) + " " + root.path("message").asText()).strip());
            }
        } catch (IOException notJson) {
            // not SpeechKit's shape
        }
        return Optional.empty();
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
