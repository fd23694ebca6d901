package io.voiceplatform.performance;

import io.voiceplatform.performance.config.PerformanceSettings;
import org.slf4j.LoggerFactory;

/**
 * Sets this module's log level from {@code VOICE_V2_PERFORMANCE_LOG_LEVEL} / {@code VOICE_V2_DEBUG_PERFORMANCE}
 * when Logback is the logging back end (as in the distribution); with another back end the keys have no effect.
 * Lettuce, the Redis client, is kept to errors unless its level is configured: while Redis is down it would
 * log each reconnection attempt, and the shared cache level already says so once.
 */
final class ModuleLogLevel {
    private static final String MODULE_LOGGER = "io.voiceplatform.performance";
    private static final String REDIS_CLIENT_LOGGER = "io.lettuce";

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
            if (LoggerFactory.getLogger(REDIS_CLIENT_LOGGER) instanceof ch.qos.logback.classic.Logger lettuce
                    && lettuce.getLevel() == null) {
                lettuce.setLevel(ch.qos.logback.classic.Level.ERROR);
            }
        } catch (NoClassDefFoundError noLogback) {
            // Another logging back end: it is configured by its own means.
        }
    }
}
