package io.voiceplatform.providers.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An error answer of a Google API (https://cloud.google.com/apis/design/errors):
 * {@code {"error": {"code", "message", "status", "details": [{"@type": ".../google.rpc.ErrorInfo", "reason"}]}}},
 * sometimes wrapped in a one-element array.
 *
 * @param status  the canonical code name, e.g. {@code INVALID_ARGUMENT}; empty when absent
 * @param reasons the {@code reason} of each {@code ErrorInfo} detail, e.g. {@code API_KEY_INVALID}
 */
record GoogleError(String message, String status, List<String> reasons) {
    private static final ObjectMapper JSON = new ObjectMapper();

    GoogleError {
        reasons = List.copyOf(reasons);
    }

    static Optional<GoogleError> read(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode error = (root != null && root.isArray() ? root.path(0) : root == null ? JSON.missingNode() : root).path("error");
            if (!error.isObject()) {
                return Optional.empty();
            }
            List<String> reasons = new ArrayList<>();
            error.path("details").forEach(detail -> {
                if (detail.path("reason").isTextual()) {
                    reasons.add(detail.path("reason").asText());
                }
            });
            return Optional.of(new GoogleError(error.path("message").asText(""), error.path("status").asText(""), reasons));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether Google says the API key itself is wrong: it answers that with HTTP 400, not 401. */
    boolean keyRejected() {
        return reasons.stream().anyMatch(reason -> reason.startsWith("API_KEY_")) || "UNAUTHENTICATED".equals(status);
    }

    /** The status and message, as shown in a failure: {@code INVALID_ARGUMENT: Invalid recognition 'config'}. */
    String describe() {
        return status.isEmpty() ? message : message.isEmpty() ? status : status + ": " + message;
    }
}
