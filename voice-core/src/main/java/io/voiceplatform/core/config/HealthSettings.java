package io.voiceplatform.core.config;

import java.time.Duration;

/**
 * When a provider counts as healthy.
 *
 * @param window                  calls kept per provider for success rate and latency
 * @param minSuccessRate          success rate (0..1) below which a provider is not healthy
 * @param maxConsecutiveFailures  failures in a row from which a provider is not healthy
 * @param maxMeanLatency          mean latency above which a provider is not healthy
 * @param degradedAfter           failures in a row that make a provider DEGRADED
 * @param downAfter               failures in a row that make a provider DOWN
 */
public record HealthSettings(int window, double minSuccessRate, int maxConsecutiveFailures, Duration maxMeanLatency,
                             int degradedAfter, int downAfter) {
}
