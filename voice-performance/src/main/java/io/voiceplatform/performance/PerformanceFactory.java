package io.voiceplatform.performance;

import io.voiceplatform.core.bootstrap.PerformanceModuleFactory;
import io.voiceplatform.core.config.VoiceConfig;
import io.voiceplatform.performance.config.ConnectionLimits;
import io.voiceplatform.performance.config.PerformanceSettings;

import java.util.Map;

/**
 * The entry point voice-core finds with {@link java.util.ServiceLoader} when {@code voice.performance.enabled}
 * is true: reads and validates {@code voice.performance.*} once, sets this module's log level, and returns the
 * module that binds the stages those settings turn on, with the connection limits the level sets.
 */
public final class PerformanceFactory implements PerformanceModuleFactory {
    @Override
    public Installation create(VoiceConfig config) {
        PerformanceSettings settings = PerformanceSettings.from(config.config());
        ModuleLogLevel.apply(settings.logging());
        Map<String, String> inForce = ConnectionLimits.of(settings, config.config()).differingFrom(settings.http());
        return new Installation(settings.level().id(), new PerformanceModule(settings), inForce);
    }
}
