package io.voiceplatform.core.registry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plugin left out because it failed to load or to create its providers. A broken plugin must not take the
 * service down, so it is reported as one ERROR line, naming it and its failure, and the others start.
 *
 * @param origin the plugin's jar or directory, as {@link DiscoveredPlugin#origin()} says it
 * @param reason what failed, with the exception's class and message and those of its root cause
 */
public record SkippedPlugin(String origin, String reason) {
    private static final Logger log = LoggerFactory.getLogger(SkippedPlugin.class);

    /** Logs the one ERROR line (the stack trace only at DEBUG) and returns what was skipped. */
    static SkippedPlugin report(String origin, String what, Throwable failure) {
        SkippedPlugin skipped = new SkippedPlugin(origin, what + ": " + describe(failure));
        log.error("plugin {} skipped: {}", origin, skipped.reason());
        log.debug("plugin {} skipped", origin, failure);
        return skipped;
    }

    /** The failure and, when it wraps another, its root cause: a ServiceLoader error alone hides why. */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        // Bounded, since a cause chain may loop.
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 32; depth++) {
            root = root.getCause();
        }
        return root == failure ? failure.toString() : failure + " (root cause: " + root + ")";
    }
}
