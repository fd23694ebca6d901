package io.voiceplatform.core.bootstrap;

import com.google.inject.Module;
import io.voiceplatform.core.config.VoiceConfig;

import java.util.Map;

/**
 * The optional performance module's entry point, found with {@link java.util.ServiceLoader} under this type
 * ({@code META-INF/services/io.voiceplatform.core.bootstrap.PerformanceModuleFactory}) only when
 * {@code voice.performance.enabled} is true, so that with the toggle off not one of its classes is loaded. It
 * reads and validates its own settings once, before the injector is built, and returns the Guice module that
 * overrides the pipeline stages those settings turn on.
 */
public interface PerformanceModuleFactory {
    /** @throws io.voiceplatform.core.config.InvalidConfigException when one of its settings is invalid */
    Installation create(VoiceConfig config);

    /**
     * @param level   the level it runs at, for health
     * @param module  the bindings it overrides
     * @param inForce settings whose value in force differs from the configured one (the level's presets), by key,
     *                so that {@code voice config} shows what runs
     */
    record Installation(String level, Module module, Map<String, String> inForce) {
        public Installation {
            inForce = Map.copyOf(inForce);
        }
    }
}
