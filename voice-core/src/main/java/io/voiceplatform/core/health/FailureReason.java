package io.voiceplatform.core.health;

import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.VoiceException;

/**
 * What health output (and the error of a later call refused by an open circuit) says of a failed call. A message the
 * platform wrote itself is kept; a provider's own message may quote its upstream (internal host names, an echoed
 * body), so only its kind is told, in our words, and the message itself goes to the log.
 */
public final class FailureReason {
    private FailureReason() {
    }

    /** A failure whose message the platform wrote, e.g. {@code TIMEOUT: no answer within 3000 ms}. */
    public static String ours(VoiceException failure) {
        return failure.kind() + ": " + failure.getMessage();
    }

    /** A failure a provider reported: its kind only, e.g. {@code UNAVAILABLE: unreachable or a server error}. */
    public static String providers(VoiceException failure) {
        return failure.kind() + ": " + described(failure.kind()) + " (the provider's message is in the log)";
    }

    private static String described(ErrorKind kind) {
        return switch (kind) {
            case INVALID_REQUEST -> "the request was refused";
            case UNSUPPORTED -> "it cannot do what was asked";
            case AUTHENTICATION -> "our credentials were refused";
            case RATE_LIMITED -> "it asked us to slow down";
            case TIMEOUT -> "no answer in time";
            case UNAVAILABLE -> "unreachable or a server error";
            case PROVIDER_ERROR -> "an answer we could not use";
        };
    }
}
