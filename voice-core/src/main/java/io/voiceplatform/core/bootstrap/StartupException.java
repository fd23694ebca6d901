package io.voiceplatform.core.bootstrap;

/** Start-up failed; the message is one line that says what is wrong, for the operator. */
public final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
