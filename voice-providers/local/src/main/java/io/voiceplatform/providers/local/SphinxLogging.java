package io.voiceplatform.providers.local;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Sphinx4 replaces the handlers of the java.util.logging root logger with its own console handler and
 * logs each component's set-up at INFO. This puts the root logger back as it was (so the application's
 * logging keeps working) and keeps the loggers Sphinx creates at WARNING.
 */
final class SphinxLogging {
    private SphinxLogging() {
    }

    static synchronized <T> T quietly(Supplier<T> construction) {
        Logger root = LogManager.getLogManager().getLogger("");
        List<Handler> handlers = List.of(root.getHandlers());
        Level level = root.getLevel();
        Set<String> before = new HashSet<>(Collections.list(LogManager.getLogManager().getLoggerNames()));
        try {
            return construction.get();
        } finally {
            for (Handler handler : root.getHandlers()) {
                if (!handlers.contains(handler)) {
                    root.removeHandler(handler);
                }
            }
            for (Handler handler : handlers) {
                if (!List.of(root.getHandlers()).contains(handler)) {
                    root.addHandler(handler);
                }
            }
            root.setLevel(level);
            for (String name : Collections.list(LogManager.getLogManager().getLoggerNames())) {
                Logger logger = LogManager.getLogManager().getLogger(name);
                if (logger != null && (!before.contains(name) || name.startsWith("edu.cmu.sphinx"))) {
                    logger.setLevel(Level.WARNING);
                }
            }
        }
    }
}
