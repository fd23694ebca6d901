package io.voiceplatform.providers.elevenlabs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.providers.support.ErrorReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ElevenLabs' error bodies (https://elevenlabs.io/docs/eleven-api/resources/errors): a {@code detail} object with
 * a {@code code} or {@code status} and a {@code message}, a 422 validation list, or a bare text. ElevenLabs answers
 * an exhausted quota with 401 and an unknown voice with 400, so those are told apart from a refused key and a
 * wrong request by their code.
 */
final class ElevenLabsErrorReader implements ErrorReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Optional<String> message(byte[] body) {
        JsonNode detail = detail(body);
        if (detail.isObject() && detail.hasNonNull("message")) {
            String code = code(detail);
            return Optional.of((code.isEmpty() ? "" : code + ": ") + detail.path("message").asText());
        }
        if (detail.isArray()) {
            List<String> problems = new ArrayList<>();
            for (JsonNode problem : detail) {
                List<String> location = new ArrayList<>();
                problem.path("loc").forEach(part -> location.add(part.asText()));
                problems.add(String.join(".", location) + ": " + problem.path("msg").asText());
            }
            return Optional.of(String.join("; ", problems));
        }
        return detail.isTextual() ? Optional.of(detail.asText()) : Optional.empty();
    }

    /** An exhausted quota is a limit, not a refused key; an unknown voice is something another provider may have. */
    @Override
    public Optional<ErrorKind> kind(int status, byte[] body) {
        return switch (code(detail(body))) {
            case "quota_exceeded" -> Optional.of(ErrorKind.RATE_LIMITED);
            case "voice_not_found" -> Optional.of(ErrorKind.UNSUPPORTED);
            default -> Optional.empty();
        };
    }

    private static String code(JsonNode detail) {
        return detail.path("code").asText(detail.path("status").asText(""));
    }

    private static JsonNode detail(byte[] body) {
        try {
            return JSON.readTree(body).path("detail");
        } catch (IOException notJson) {
            return JSON.missingNode();
        }
    }
}
