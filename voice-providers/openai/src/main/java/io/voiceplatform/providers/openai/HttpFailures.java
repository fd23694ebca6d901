package io.voiceplatform.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.plugin.Secret;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/**
 * Turns what went wrong on the wire into the platform's error kinds, keeping the provider's own message
 * (never the key) so a user can act on it.
 */
final class HttpFailures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 300;

    private HttpFailures() {
    }

    /** An HTTP answer that is not a success. */
    static VoiceException fromStatus(int status, HttpHeaders headers, byte[] body, Secret key) {
        String message = "HTTP " + status + ": " + providerMessage(body, key);
        return switch (status) {
            case 400, 422 -> new VoiceException(ErrorKind.INVALID_REQUEST, message, null, OpenAiPlugin.ID, null, null);
            case 401, 403 -> new VoiceException(ErrorKind.AUTHENTICATION, message, null, OpenAiPlugin.ID, null, null);
            case 404, 413 -> new VoiceException(ErrorKind.UNSUPPORTED, message, null, OpenAiPlugin.ID, null, null);
            case 429 -> VoiceException.rateLimited(OpenAiPlugin.ID, message, retryAfter(headers));
            default -> new VoiceException(status >= 500 ? ErrorKind.UNAVAILABLE : ErrorKind.PROVIDER_ERROR, message,
                    null, OpenAiPlugin.ID, null, null);
        };
    }

    /** A failure of the exchange itself: timeout, refused or reset connection. */
    static Throwable fromExchange(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof VoiceException || cause instanceof CancellationException) {
            return cause;
        }
        if (cause instanceof HttpTimeoutException) {
            return VoiceException.of(ErrorKind.TIMEOUT, OpenAiPlugin.ID, "no answer in time", cause);
        }
        if (cause instanceof IOException) {
            return VoiceException.of(ErrorKind.UNAVAILABLE, OpenAiPlugin.ID, "connection failed: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"), cause);
        }
        return VoiceException.of(ErrorKind.PROVIDER_ERROR, OpenAiPlugin.ID, "request failed: " + cause, cause);
    }

    static VoiceException closed() {
        return VoiceException.of(ErrorKind.UNAVAILABLE, OpenAiPlugin.ID, "the OpenAI provider is closed", null);
    }

    static VoiceException malformed(String what) {
        return new VoiceException(ErrorKind.PROVIDER_ERROR, "the answer could not be read: " + what, null, OpenAiPlugin.ID, null, null);
    }

    /** OpenAI's {@code {"error": {"message": ...}}}, or the start of whatever came back. */
    private static String providerMessage(byte[] body, Secret key) {
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.isTextual()) {
                text = error.asText();
            } else if (error.hasNonNull("message")) {
                text = error.get("message").asText();
            }
        } catch (IOException notJson) {
            // Keep the raw text.
        }
        if (key.isPresent()) {
            text = text.replace(key.reveal(), Secret.mask(key.reveal()));
        }
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "..." : text.isEmpty() ? "(no message)" : text;
    }

    /** Seconds or an HTTP date; a second when the header is absent or unreadable. */
    private static Duration retryAfter(HttpHeaders headers) {
        String value = headers.firstValue("Retry-After").orElse("").trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (RuntimeException notDate) {
                return Duration.ofSeconds(1);
            }
        }
    }
}
