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
 * Sphinx4 installs its own console handlers on java.util.logging loggers whenever it looks up a component,
 * and logs each component's set-up at INFO. It leaves logging alone when
 * {@code java.util.logging.config.class} is set, so that property is set around Sphinx's work, the root
 * logger is held at WARNING meanwhile, and the loggers Sphinx created are left at WARNING, feeding the
 * application's handlers only.
 */
final class SphinxLogging {
    private static final String SPHINX_LEAVES_LOGGING_ALONE = "java.util.logging.config.class";

    private SphinxLogging() {
    }

    static synchronized <T> T quietly(Supplier<T> work) {
        LogManager manager = LogManager.getLogManager();
        Logger root = manager.getLogger("");
        List<Handler> handlers = List.of(root.getHandlers());
        Level level = root.getLevel();
        Set<String> before = new HashSet<>(Collections.list(manager.getLoggerNames()));
        boolean markSet = System.getProperty(SPHINX_LEAVES_LOGGING_ALONE) == null;
        if (markSet) {
            System.setProperty(SPHINX_LEAVES_LOGGING_ALONE, SphinxLogging.class.getName());
        }
        root.setLevel(Level.WARNING);
        try {
            return work.get();
        } finally {
            root.setLevel(level);
            if (markSet) {
                System.clearProperty(SPHINX_LEAVES_LOGGING_ALONE);
            }
            for (Handler handler : root.getHandlers()) {
                if (!handlers.contains(handler)) {
                    root.removeHandler(handler);
                }
            }
            for (String name : Collections.list(manager.getLoggerNames())) {
                Logger logger = manager.getLogger(name);
                if (logger != null && !name.isEmpty() && !before.contains(name)) {
                    for (Handler handler : logger.getHandlers()) {
                        logger.removeHandler(handler);
                    }
                    logger.setUseParentHandlers(true);
                    logger.setLevel(Level.WARNING);
                }
            }
        }
    }
}
