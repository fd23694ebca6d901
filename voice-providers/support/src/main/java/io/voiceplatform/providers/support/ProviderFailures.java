package io.voiceplatform.providers.support;

import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.plugin.Secret;

import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/**
 * Turns what went wrong in a call to one provider into a {@link VoiceException} of the right {@link ErrorKind},
 * keeping the provider's own words so a user can act on them, and never the secret.
 */
final class ProviderFailures {
    /** How much of an error body that is not in the provider's shape is quoted. */
    private static final int QUOTED_CHARS = 200;

    private final String provider;
    private final Duration timeout;
    private final Secret secret;
    private final ErrorReader errors;

    ProviderFailures(String provider, Duration timeout, Secret secret, ErrorReader errors) {
        this.provider = provider;
        this.timeout = timeout;
        this.secret = secret;
        this.errors = errors;
    }

    /** A non-2xx answer: the kind by its status unless the provider's body says otherwise; 429 with its Retry-After. */
    VoiceException status(int status, HttpHeaders headers, byte[] body) {
        String detail = clean(errors.message(body).orElseGet(() -> quote(body)));
        String message = provider + " answered HTTP " + status + (detail.isBlank() ? "" : ": " + detail);
        ErrorKind kind = errors.kind(status, body).orElseGet(() -> byStatus(status));
        if (kind == ErrorKind.RATE_LIMITED) {
            return VoiceException.rateLimited(provider, message, retryAfter(headers).orElse(null));
        }
        return new VoiceException(kind, message, null, provider, null, null);
    }

    static ErrorKind byStatus(int status) {
        return switch (status) {
            case 400, 422 -> ErrorKind.INVALID_REQUEST;
            case 401, 402, 403 -> ErrorKind.AUTHENTICATION;
            case 404, 413, 415 -> ErrorKind.UNSUPPORTED;
            case 408 -> ErrorKind.TIMEOUT;
            case 429 -> ErrorKind.RATE_LIMITED;
            default -> status >= 500 ? ErrorKind.UNAVAILABLE : ErrorKind.PROVIDER_ERROR;
        };
    }

    /** The exchange itself failed: no answer in time, a refused or dropped connection, a credential refused. */
    VoiceException exchange(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (t instanceof VoiceException v) {
            return withoutSecret(v);
        }
        if (t instanceof HttpTimeoutException) {
            return timedOut();
        }
        if (t instanceof CancellationException) {
            return VoiceException.of(ErrorKind.UNAVAILABLE, provider, provider + " call was cancelled", t);
        }
        return VoiceException.of(ErrorKind.UNAVAILABLE, provider, provider + " could not be reached: " + clean(t.getMessage()), t);
    }

    VoiceException timedOut() {
        return VoiceException.of(ErrorKind.TIMEOUT, provider, provider + " did not answer within " + timeout, null);
    }

    VoiceException closed() {
        return VoiceException.of(ErrorKind.UNAVAILABLE, provider, "the " + provider + " provider is closed", null);
    }

    /** A 2xx answer its reader could not make sense of. */
    VoiceException unreadable(Exception e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return VoiceException.of(ErrorKind.PROVIDER_ERROR, provider, provider + " sent an answer that could not be read: " + clean(why), e);
    }

    /** Readers quote the answer, and an answer may quote the key. */
    VoiceException withoutSecret(VoiceException e) {
        String message = e.getMessage();
        if (message == null || !secret.isPresent() || !message.contains(secret.reveal())) {
            return e;
        }
        // Not chained to the original: its message, with the secret, would reach the log with the stack trace.
        return new VoiceException(e.kind(), clean(message), e.param().orElse(null), e.provider().orElse(null),
                e.retryAfter().orElse(null), e.getCause());
    }

    String clean(String text) {
        if (text == null) {
            return "";
        }
        return secret.isPresent() ? text.replace(secret.reveal(), "****") : text;
    }

    /** The start of a body that is not in the provider's error shape: plain text, a gateway's page, nothing. */
    static String quote(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() > QUOTED_CHARS ? text.substring(0, QUOTED_CHARS) + "..." : text;
    }

    /** Retry-After as seconds or as an HTTP date. */
    static Optional<Duration> retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After").map(String::trim).flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
            } catch (NumberFormatException notSeconds) {
                try {
                    Duration until = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                    return Optional.of(until.isNegative() ? Duration.ZERO : until);
                } catch (DateTimeParseException notDate) {
                    return Optional.empty();
                }
            }
        });
    }
}
