package io.voiceplatform.core.health;

/**
 * The state of a {@link CallStatistics} window at one moment.
 *
 * @param calls               calls recorded since start
 * @param successRate         share of successful calls in the window (1.0 with no calls)
 * @param consecutiveFailures failures since the last success
 * @param p50Millis           median latency in the window
 * @param p95Millis           95th percentile latency in the window
 * @param meanMillis          mean latency in the window
 * @param lastError           the reason of the last failure, or empty
 */
public record CallSnapshot(long calls, double successRate, int consecutiveFailures, double p50Millis,
                           double p95Millis, double meanMillis, String lastError) {
}
