package io.voiceplatform.core.health;

/** Health of a provider, or of the whole service. */
public enum HealthStatus {
    UP,
    DEGRADED,
    DOWN
}
