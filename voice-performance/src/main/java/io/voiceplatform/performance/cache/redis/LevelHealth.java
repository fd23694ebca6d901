package io.voiceplatform.performance.cache.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the shared level serves, and the only place that logs its changes: one WARN when it stops answering,
 * one INFO when it answers again, however many requests fail or succeed in between.
 */
final class LevelHealth {
    private static final Logger LOG = LoggerFactory.getLogger(SharedLevel.class);

    enum State {
        /** Not yet connected: no failure seen, but nothing served either. */
        STARTING,
        UP,
        DEGRADED
    }

    private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);
    private final String address;

    /** @param address the Redis address without credentials, for the log lines */
    LevelHealth(String address) {
        this.address = address;
    }

    State state() {
        return state.get();
    }

    boolean serving() {
        return state.get() == State.UP;
    }

    /** A command was answered (or a connection made). */
    void answered() {
        State before = state.get();
        if (before != State.UP && state.compareAndSet(before, State.UP)) {
            if (before == State.DEGRADED) {
                LOG.info("The shared cache level {} recovered: results are shared between replicas again", address);
            } else {
                LOG.info("The shared cache level is connected to {}", address);
            }
        }
    }

    /** Redis did not answer in time, or the connection is gone. */
    void failed(Throwable error) {
        State before = state.get();
        if (before != State.DEGRADED && state.compareAndSet(before, State.DEGRADED)) {
            LOG.warn("The shared cache level {} is unavailable ({}): requests are served from the local level while "
                    + "it is retried in the background", address, cause(error));
        }
    }

    /** One line without a stack: the reason matters here, not where the client noticed it. */
    static String cause(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException) {
            return "no answer in time";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // "Unable to connect to host:port" alone hides whether Redis refused the connection or the password.
        return line(cause) + (root == cause ? "" : " (" + line(root) + ")");
    }

    private static String line(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
