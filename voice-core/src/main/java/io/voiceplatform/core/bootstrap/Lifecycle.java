package io.voiceplatform.core.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Stops what was started, in reverse order, once. Components register as they come up, so a start that
 * fails half-way stops exactly what had already started.
 */
final class Lifecycle {
    private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);

    private final Deque<Step> started = new ArrayDeque<>();
    private boolean closed;

    synchronized void started(String name, Runnable stop) {
        if (closed) {
            throw new IllegalStateException("already stopped");
        }
        started.push(new Step(name, stop));
    }

    synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        while (!started.isEmpty()) {
            Step step = started.pop();
            try {
                step.stop().run();
                log.debug("stopped {}", step.name());
            } catch (RuntimeException e) {
                log.warn("stopping {} failed: {}", step.name(), e.toString());
            }
        }
    }

    private record Step(String name, Runnable stop) {
    }
}
