package io.voiceplatform.core.pipeline;

import java.util.Optional;

/**
 * A provider considered for a request: either callable, or skipped with the reason why.
 *
 * @param provider   the provider id
 * @param skipReason why it cannot serve the request, or empty when it can
 * @param skipParam  the request field that made it unable (format, language, voice, ...), when skipped
 */
record Candidate(String provider, Optional<String> skipReason, String skipParam) {
    static Candidate capable(String provider) {
        return new Candidate(provider, Optional.empty(), null);
    }

    static Candidate skipped(String provider, String reason, String param) {
        return new Candidate(provider, Optional.of(reason), param);
    }

    boolean isCapable() {
        return skipReason.isEmpty();
    }
}
