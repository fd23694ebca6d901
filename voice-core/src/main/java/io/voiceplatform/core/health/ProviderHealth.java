package io.voiceplatform.core.health;

/**
 * One provider's health for one operation.
 *
 * @param id                  provider id
 * @param operation           {@code stt} or {@code tts}
 * @param state               UP, DEGRADED or DOWN
 * @param circuit             the circuit breaker state: CLOSED, OPEN, HALF_OPEN
 * @param successRate         over the sliding window, 1.0 before any call
 * @param consecutiveFailures failures since the last success
 * @param calls               calls since start
 * @param p50Millis           median latency over the window
 * @param p95Millis           95th percentile latency over the window
 * @param meanMillis          mean latency over the window
 * @param detail              why it is not UP, or {@code ok}
 */
public record ProviderHealth(String id, String operation, HealthStatus state, String circuit, double successRate,
                             int consecutiveFailures, long calls, double p50Millis, double p95Millis, double meanMillis,
                             String detail) {
}
