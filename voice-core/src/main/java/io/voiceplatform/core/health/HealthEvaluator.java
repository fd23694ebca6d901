package io.voiceplatform.core.health;

import io.voiceplatform.api.HealthProbe;
import io.voiceplatform.core.config.HealthSettings;

/** Turns a provider's numbers, circuit state and own probe into UP, DEGRADED or DOWN, with the reason. */
final class HealthEvaluator {
    private final HealthSettings settings;

    HealthEvaluator(HealthSettings settings) {
        this.settings = settings;
    }

    Verdict evaluate(CallSnapshot calls, String circuit, HealthProbe probe) {
        if (!probe.up()) {
            return new Verdict(HealthStatus.DOWN, probe.detail());
        }
        if ("OPEN".equals(circuit)) {
            return new Verdict(HealthStatus.DOWN, "circuit open: " + calls.lastError());
        }
        if (calls.consecutiveFailures() >= settings.downAfter()) {
            return new Verdict(HealthStatus.DOWN, calls.consecutiveFailures() + " failures in a row: " + calls.lastError());
        }
        if (calls.consecutiveFailures() >= settings.degradedAfter()
                || calls.consecutiveFailures() >= settings.maxConsecutiveFailures()) {
            return new Verdict(HealthStatus.DEGRADED, calls.consecutiveFailures() + " failures in a row: " + calls.lastError());
        }
        if (calls.successRate() < settings.minSuccessRate()) {
            return new Verdict(HealthStatus.DEGRADED, String.format("success rate %.1f %% below %.1f %%",
                    calls.successRate() * 100, settings.minSuccessRate() * 100));
        }
        if (calls.meanMillis() > settings.maxMeanLatency().toMillis()) {
            return new Verdict(HealthStatus.DEGRADED, String.format("mean latency %.0f ms above %d ms",
                    calls.meanMillis(), settings.maxMeanLatency().toMillis()));
        }
        return new Verdict(HealthStatus.UP, "ok");
    }

    record Verdict(HealthStatus state, String detail) {
    }
}
