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
 * @param metricsAuth        whether {@code /metrics} needs a key too
 * @param maxBytesInFlight   request body (and whole answer) bytes held at once, across all requests
 * @param inFlightWait       how long a request waits for bytes of that budget before a 503
 */
public record ApiSettings(long maxUploadBytes, List<Secret> apiKeys, int rateLimitPerMinute, boolean metricsAuth,
                          long maxBytesInFlight, Duration inFlightWait) {
    public ApiSettings {
        apiKeys = List.copyOf(apiKeys);
    }
}
