package io.voiceplatform.app.openai;

import io.voiceplatform.api.plugin.Secret;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the OpenAI-compatible API.
 *
 * @param maxUploadBytes     largest request body accepted on the audio endpoints
 * @param apiKeys            keys callers must present; empty means open access
 * @param rateLimitPerMinute requests per minute per key (or per client address when no keys are set)
 * @param openMonitoring     whether {@code /health/details} and {@code /metrics} answer without a key when keys are set
 * @param failedAuth         wrong or missing keys one client address may send before it is refused for a while
 * @param maxBytesInFlight   request body (and whole answer) bytes held at once, across all requests
 * @param inFlightWait       how long a request waits for bytes of that budget before a 503
 */
public record ApiSettings(long maxUploadBytes, List<Secret> apiKeys, int rateLimitPerMinute, boolean openMonitoring,
                          FailedAuthLimit failedAuth, long maxBytesInFlight, Duration inFlightWait) {
    public ApiSettings {
        apiKeys = List.copyOf(apiKeys);
    }

    /**
     * Fixed values for the rest, for tests and embedders: 20 wrong keys at once, 2 more a second; 256 MB of bodies in
     * flight, 2 s wait (reference.conf derives the byte budget from the heap instead).
     */
    public ApiSettings(long maxUploadBytes, List<Secret> apiKeys, int rateLimitPerMinute, boolean openMonitoring) {
        this(maxUploadBytes, apiKeys, rateLimitPerMinute, openMonitoring, new FailedAuthLimit(20, 2), 256L << 20, Duration.ofSeconds(2));
    }

    /** Whether callers must present a key. */
    public boolean keyed() {
        return apiKeys.stream().anyMatch(Secret::isPresent);
    }
}
