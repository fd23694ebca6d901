package io.voiceplatform.core.resilience;

import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.VoiceException;

/** A provider was not called because its circuit is open: it is unusable, not failing on this request. */
public final class CircuitOpenException extends VoiceException {
    private static final long serialVersionUID = 1L;

    CircuitOpenException(String provider, String lastError) {
        super(ErrorKind.UNAVAILABLE, "not called: circuit open after repeated failures"
                + (lastError.isEmpty() ? "" : " (last: " + lastError + ")"), null, provider, null, null);
    }
}
