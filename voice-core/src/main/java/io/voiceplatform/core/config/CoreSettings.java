package io.voiceplatform.core.config;

import java.nio.file.Path;

/**
 * The typed, validated settings of voice-core, built by {@link CoreSettingsReader}.
 *
 * @param pluginsDir         directory scanned for provider plugin jars
 * @param performanceEnabled the main performance toggle ({@code VOICE_V2_PERFORMANCE_ENABLED})
 */
public record CoreSettings(RoutingSettings routing, LimitSettings limits, ResilienceSettings resilience,
                           HealthSettings health, Path pluginsDir, boolean performanceEnabled) {
}
