package io.voiceplatform.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one failure type of the platform. Its {@link ErrorKind} tells callers whether a retry or another
 * provider can help. Messages must never contain credentials.
 */
public class VoiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final String param;
    private final String provider;
    private final Duration retryAfter;

    public VoiceException(ErrorKind kind, String message) {
        this(kind, message, null, null, null, null);
    }

    /**
     * @param param      the request field at fault, for {@link ErrorKind#INVALID_REQUEST}; may be null
     * @param provider   the provider that failed; may be null
     * @param retryAfter how long the provider asked us to wait; may be null
     */
    public VoiceException(ErrorKind kind, String message, String param, String provider, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.param = param;
        this.provider = provider;
        this.retryAfter = retryAfter;
    }

    public static VoiceException invalid(String message, String param) {
        return new VoiceException(ErrorKind.INVALID_REQUEST, message, param, null, null, null);
    }

    public static VoiceException unsupported(String provider, String message) {
        return new VoiceException(ErrorKind.UNSUPPORTED, message, null, provider, null, null);
    }

    public static VoiceException rateLimited(String provider, String message, Duration retryAfter) {
        return new VoiceException(ErrorKind.RATE_LIMITED, message, null, provider, retryAfter, null);
    }

    public static VoiceException of(ErrorKind kind, String provider, String message, Throwable cause) {
        return new VoiceException(kind, message, null, provider, null, cause);
    }

    public ErrorKind kind() {
        return kind;
    }

    public Optional<String> param() {
        return Optional.ofNullable(param);
    }

    public Optional<String> provider() {
        return Optional.ofNullable(provider);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean retryable() {
        return kind.retryable();
    }

    public boolean fallbackAllowed() {
        return kind.fallbackAllowed();
    }
}
