package io.voiceplatform.core.bootstrap;

import io.voiceplatform.core.config.CoreSettings;
import io.voiceplatform.core.config.VoiceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.ServiceLoader;

/**
 * The performance module as {@code voice.performance.enabled} asks for it: found with {@link ServiceLoader} and
 * created (its settings read and checked) only when enabled. Shared by start-up and {@code voice config}, so
 * both refuse the same settings.
 */
public final class PerformanceInstallations {
    private static final Logger log = LoggerFactory.getLogger(PerformanceInstallations.class);

    private PerformanceInstallations() {
    }

    /** @throws io.voiceplatform.core.config.InvalidConfigException when one of its settings is invalid */
    public static List<PerformanceModuleFactory.Installation> create(VoiceConfig config, CoreSettings settings) {
        if (!settings.performanceEnabled()) {
            return List.of();
        }
        List<PerformanceModuleFactory> found = ServiceLoader.load(PerformanceModuleFactory.class,
                PerformanceInstallations.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();
        if (found.isEmpty()) {
            log.warn("voice.performance.enabled is true but the voice-performance module is not on the class path; running without it");
        }
        return found.stream().map(factory -> factory.create(config)).toList();
    }
}
