package io.voiceplatform.app.openai;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

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

    /** The JSON body. */
    public Map<String, Object> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return Map.of("error", error);
    }

    private static final Pattern QUALIFIED_THROWABLE = Pattern.compile("(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error):?\\s*");

    /** "java.io.IOException: Missing boundary" as "Missing boundary": the caller needs the reason, not our internals. */
    static String printableReason(String message) {
        return printable(QUALIFIED_THROWABLE.matcher(message).replaceAll(""));
    }

    /** Input echoed in a message is cut short and stripped of control characters. */
    static String printable(String s) {
        if (s == null) {
            return "";
        }
        String cut = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
