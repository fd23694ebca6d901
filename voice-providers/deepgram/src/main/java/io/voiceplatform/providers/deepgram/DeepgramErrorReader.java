package io.voiceplatform.providers.deepgram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voiceplatform.providers.support.ErrorReader;

import java.io.IOException;
import java.util.Optional;

/**
 * Deepgram's error bodies (https://developers.deepgram.com/reference/errors): {@code err_code}/{@code err_msg},
 * or {@code category}/{@code message} with {@code details}.
 */
final class DeepgramErrorReader implements ErrorReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Optional<String> message(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root.hasNonNull("err_msg")) {
                return Optional.of(root.path("err_code").asText("") + " " + root.path("err_msg").asText());
            }
            if (root.hasNonNull("message")) {
                return Optional.of(root.path("category").asText("") + " " + root.path("message").asText()
                        + (root.hasNonNull("details") ? " (" + root.path("details").asText() + ")" : ""));
            }
        } catch (IOException notJson) {
            // not Deepgram's shape
        }
        return Optional.empty();
    }
}
