package io.voiceplatform.api;

/**
 * Why a call failed, and therefore what may help: the same provider again later ({@link #retryable()}),
 * or another provider ({@link #fallbackAllowed()}).
 */
public enum ErrorKind {
    /** The request itself is wrong; no provider will accept it. */
    INVALID_REQUEST(false, false),
    /** This provider cannot do what was asked (format, language, voice, model, size); another may. */
    UNSUPPORTED(false, true),
    /** The provider refused our credentials; retrying will not help until its configuration changes. */
    AUTHENTICATION(false, true),
    /** The provider asked us to slow down, possibly saying for how long. */
    RATE_LIMITED(true, true),
    /** No answer in time. */
    TIMEOUT(true, true),
    /** The provider could not be reached or answered with a server error. */
    UNAVAILABLE(true, true),
    /** The provider answered something we could not use. */
    PROVIDER_ERROR(false, true);

    private final boolean retryable;
    private final boolean fallbackAllowed;

    ErrorKind(boolean retryable, boolean fallbackAllowed) {
        this.retryable = retryable;
        this.fallbackAllowed = fallbackAllowed;
    }

    /** Whether the same provider may succeed if asked again. */
    public boolean retryable() {
        return retryable;
    }

    /** Whether another provider may succeed where this one failed. */
    public boolean fallbackAllowed() {
        return fallbackAllowed;
    }
}
