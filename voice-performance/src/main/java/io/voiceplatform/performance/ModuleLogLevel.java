package io.voiceplatform.performance;

import io.voiceplatform.performance.config.PerformanceSettings;
import org.slf4j.LoggerFactory;

/**
 * Sets this module's log level from {@code VOICE_V2_PERFORMANCE_LOG_LEVEL} / {@code VOICE_V2_DEBUG_PERFORMANCE}
 * when Logback is the logging back end (as in the distribution); with another back end the keys have no effect.
 */
final class ModuleLogLevel {
    private static final String MODULE_LOGGER = "io.voiceplatform.performance";

    private ModuleLogLevel() {
    }

    static void apply(PerformanceSettings.Logging logging) {
        String level = logging.debug() ? "DEBUG" : switch (logging.level()) {
            case "WARNING" -> "WARN";
            case "CRITICAL" -> "ERROR";
            default -> logging.level();
        };
        try {
            if (LoggerFactory.getLogger(MODULE_LOGGER) instanceof ch.qos.logback.classic.Logger logback) {
                logback.setLevel(ch.qos.logback.classic.Level.toLevel(level));
            }
        } catch (NoClassDefFoundError noLogback) {
            // Another logging back end: it is configured by its own means.
        }
    }
}
