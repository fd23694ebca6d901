package io.voiceplatform.core.config;

/**
 * The typed, validated settings of voice-core, built by {@link CoreSettingsReader}.
 *
 * @param plugins            the directories provider plugins are loaded from
 * @param performanceEnabled the main performance toggle ({@code VOICE_V2_PERFORMANCE_ENABLED})
 */
public record CoreSettings(RoutingSettings routing, LimitSettings limits, ResilienceSettings resilience,
                           HealthSettings health, PluginDirectories plugins, boolean performanceEnabled) {
}
