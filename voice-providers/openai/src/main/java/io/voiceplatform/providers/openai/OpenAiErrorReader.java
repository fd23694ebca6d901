package io.voiceplatform.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voiceplatform.providers.support.ErrorReader;

import java.io.IOException;
import java.util.Optional;

/**
 * OpenAI's error object, {@code {"error": {"message", "type", "param", "code"}}}; some compatible servers send
 * {@code {"error": "<message>"}}.
 */
final class OpenAiErrorReader implements ErrorReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Optional<String> message(byte[] body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.isTextual()) {
                return Optional.of(error.asText());
            }
            if (error.hasNonNull("message")) {
                return Optional.of(error.get("message").asText());
            }
        } catch (IOException notJson) {
            // not OpenAI's shape
        }
        return Optional.empty();
    }
}
