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
 * @param openDuration              how long an open circuit rejects calls before trial calls
 * @param halfOpenCalls             good trial calls that close the circuit
 */
public record ResilienceSettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double backoffMultiplier,
                                 double jitter, float failureRateThreshold, int minimumCalls, int slidingWindowSize,
                                 int consecutiveFailures, Duration openDuration, int halfOpenCalls) {
}
