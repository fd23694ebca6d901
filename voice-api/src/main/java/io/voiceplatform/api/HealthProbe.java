package io.voiceplatform.api;

/**
 * The answer of a provider's own health check.
 *
 * @param up     whether the provider can serve requests now
 * @param detail a short reason, never containing credentials
 */
public record HealthProbe(boolean up, String detail) {
    public static HealthProbe healthy() {
        return new HealthProbe(true, "ok");
    }

    public static HealthProbe unhealthy(String detail) {
        return new HealthProbe(false, detail == null ? "down" : detail);
    }
}
