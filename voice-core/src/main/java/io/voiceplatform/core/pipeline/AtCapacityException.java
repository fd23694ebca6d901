package io.voiceplatform.core.pipeline;

import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.VoiceException;

import java.time.Duration;

/** The service is running as much work as it takes; the caller should come back shortly. */
public final class AtCapacityException extends VoiceException {
    private static final long serialVersionUID = 1L;

    public AtCapacityException(String message, Duration retryAfter) {
        super(ErrorKind.UNAVAILABLE, message, null, null, retryAfter, null);
    }
}
