package io.voiceplatform.core.config;

import java.time.Duration;

/**
 * The typed, validated settings of voice-core, built by {@link CoreSettingsReader}.
 *
 * @param plugins              the directories provider plugins are loaded from
 * @param providerCloseTimeout how long shutdown waits for the providers' {@code close()} before abandoning them
 * @param performanceEnabled   the main performance toggle ({@code VOICE_V2_PERFORMANCE_ENABLED})
 */
public record CoreSettings(RoutingSettings routing, LimitSettings limits, ResilienceSettings resilience,
                           HealthSettings health, PluginDirectories plugins, Duration providerCloseTimeout,
                           boolean performanceEnabled) {
}
