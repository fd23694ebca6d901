package io.voiceplatform.app.openai;

import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.core.pipeline.AtCapacityException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An error as OpenAI's API shapes it: {@code {"error": {"message", "type", "param", "code"}}}, with the
 * HTTP status that fits it. Messages never carry a stack trace.
 *
 * @param status     the HTTP status
 * @param message    what went wrong, for a person
 * @param type       OpenAI's error type, e.g. {@code invalid_request_error}
 * @param param      the request field at fault, or null
 * @param code       a short machine-readable code, or null
 * @param retryAfter for 429 and 503: when to try again
 */
public record ApiError(int status, String message, String type, String param, String code, Optional<Duration> retryAfter) {

    public static ApiError invalid(String message, String param, String code) {
        return new ApiError(400, message, "invalid_request_error", param, code, Optional.empty());
    }

    public static ApiError of(int status, String message, String type, String code) {
        return new ApiError(status, message, type, null, code, Optional.empty());
    }

    /** The status and type of a platform error, from its kind. */
    public static ApiError from(VoiceException e) {
        if (e instanceof AtCapacityException) {
            return new ApiError(503, e.getMessage(), "service_unavailable_error", null, "overloaded", e.retryAfter());
        }
        String param = e.param().orElse(null);
        return switch (e.kind()) {
            case INVALID_REQUEST -> new ApiError(400, e.getMessage(), "invalid_request_error", param, "invalid_value", Optional.empty());
            case UNSUPPORTED -> new ApiError(400, e.getMessage(), "invalid_request_error", param, "unsupported_value", Optional.empty());
            case RATE_LIMITED -> new ApiError(429, e.getMessage(), "rate_limit_error", null, "upstream_rate_limited",
                    Optional.of(e.retryAfter().orElse(Duration.ofSeconds(1))));
            case TIMEOUT -> new ApiError(504, e.getMessage(), "timeout_error", null, "upstream_timeout", Optional.empty());
            case UNAVAILABLE -> new ApiError(503, e.getMessage(), "service_unavailable_error", null, "no_provider_available",
                    Optional.of(Duration.ofSeconds(5)));
            case AUTHENTICATION, PROVIDER_ERROR -> new ApiError(502, e.getMessage(), "upstream_error", null,
                    e.kind() == ErrorKind.AUTHENTICATION ? "upstream_authentication" : "upstream_failed", Optional.empty());
        };
    }

    /** The JSON body. */
    public Map<String, Object> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return Map.of("error", error);
    }
}
