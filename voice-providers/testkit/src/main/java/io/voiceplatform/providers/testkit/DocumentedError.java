package io.voiceplatform.providers.testkit;

import io.voiceplatform.api.ErrorKind;

import java.time.Duration;
import java.util.Optional;

/**
 * One error answer from the provider's documentation and what the plugin must make of it: the HTTP status it
 * comes with, the fixture holding its body (a resource under {@code /fixtures/}), the {@link ErrorKind}, words of
 * the provider's message the failure keeps and, for a rate limit, the {@code Retry-After} sent with it.
 */
public record DocumentedError(int status, String fixture, ErrorKind kind, String says, Optional<Duration> retryAfter) {
    public static DocumentedError of(int status, String fixture, ErrorKind kind, String says) {
        return new DocumentedError(status, fixture, kind, says, Optional.empty());
    }

    /** Sent with {@code Retry-After: seconds}, which the failure must carry. */
    public DocumentedError retryAfter(int seconds) {
        return new DocumentedError(status, fixture, kind, says, Optional.of(Duration.ofSeconds(seconds)));
    }
}
