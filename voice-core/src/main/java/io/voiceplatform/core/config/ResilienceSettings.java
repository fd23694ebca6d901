package io.voiceplatform.core.config;

import java.time.Duration;

/**
 * Retry and circuit-breaker settings, the same for every provider.
 *
 * @param maxAttempts               tries of one provider per request, the first included
 * @param initialBackoff            wait before the second try
 * @param maxBackoff                longest wait between tries (also caps a provider's Retry-After)
 * @param backoffMultiplier         growth of the wait per try
 * @param jitter                    randomization factor of the wait, 0..1
 * @param failureRateThreshold      percentage of failed calls that opens the circuit
 * @param minimumCalls              calls needed before the failure rate counts
 * @param slidingWindowSize         calls the failure rate is computed over
 * @param consecutiveFailures       failures in a row that open the circuit regardless of the rate
 * @param openDuration              the longest an open circuit rejects calls before it lets trial calls through
 * @param halfOpenCalls             good trial calls that close the circuit
 * @param firstOpenDuration         how long a circuit that has just opened waits before trial calls; each time the
 *                                  trials fail it waits twice as long, up to {@code openDuration}
 * @param slowProvider              when a provider is given up for the next one before its share of time runs out
 */
public record ResilienceSettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double backoffMultiplier,
                                 double jitter, float failureRateThreshold, int minimumCalls, int slidingWindowSize,
                                 int consecutiveFailures, Duration openDuration, int halfOpenCalls, Duration firstOpenDuration,
                                 SlowProvider slowProvider) {
    /**
     * A provider that has answered before but takes {@code p95Multiple} times its usual time (the 95th percentile of
     * its recent successful calls, once it has {@code minSamples} of them), and at least {@code minWait}, is given up
     * for the next provider in the chain. Only when there is a next provider: the last one gets all the time left.
     *
     * @param p95Multiple 0 never gives a provider up early
     */
    public record SlowProvider(double p95Multiple, Duration minWait, int minSamples) {
        /** Never gives a provider up before its share of the request's time runs out. */
        public static final SlowProvider OFF = new SlowProvider(0, Duration.ZERO, 1);

        public boolean enabled() {
            return p95Multiple > 0;
        }
    }
}
