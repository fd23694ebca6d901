package io.voiceplatform.app.openai;

import java.time.Duration;

/**
 * How many wrong or missing API keys one client address may send.
 *
 * @param burst     failures at once before the address is refused
 * @param perSecond failures it may add each second after that
 */
public record FailedAuthLimit(int burst, int perSecond) {
    public FailedAuthLimit {
        if (burst < 1 || perSecond < 1) {
            throw new IllegalArgumentException("burst and perSecond must be at least 1");
        }
    }

    /** How long one failure takes to be forgiven. */
    long nanosPerFailure() {
        return 1_000_000_000L / perSecond;
    }

    /** How long an emptied allowance takes to fill up again. */
    Duration refillTime() {
        return Duration.ofNanos(burst * nanosPerFailure());
    }
}
