package io.voiceplatform.core.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One request as it goes through the pipeline: who asked, by when the answer is due, whether the caller gave
 * up, what each stage decided, and what it holds until the answer has been delivered (an admission slot).
 * The deadline covers the whole request: every attempt, retry, backoff and fallback. Made by
 * {@link RequestPipeline#context}; the caller {@linkplain #close() closes} it once the answer is written.
 */
public final class RequestContext implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RequestContext.class);

    private final String id;
    private final String caller;
    private final long startNanos;
    private volatile long deadlineNanos;
    private volatile Duration extension = Duration.ZERO;
    private final Decisions decisions = new Decisions();
    private final CompletableFuture<Void> cancelled = new CompletableFuture<>();
    private final List<AutoCloseable> held = new ArrayList<>();
    private boolean closed;

    RequestContext(String id, String caller, Duration timeout) {
        this.id = Objects.requireNonNull(id, "id");
        this.caller = Objects.requireNonNull(caller, "caller");
        this.startNanos = System.nanoTime();
        this.deadlineNanos = startNanos + timeout.toNanos();
    }

    /** The request id, as in {@code X-Request-Id} and the access log. */
    public String id() {
        return id;
    }

    /** Who asked: the API key's identity, the client address, or the command line. */
    public String caller() {
        return caller;
    }

    /** Time left until the deadline; zero or negative once it has passed. */
    public Duration remaining() {
        return Duration.ofNanos(deadlineNanos - System.nanoTime());
    }

    /** Time since the request started. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** The deadline on the {@link System#nanoTime()} clock. */
    long deadlineNanos() {
        return deadlineNanos;
    }

    /** Moves the deadline later by {@code more}, once the request's size is known; called before any provider call. */
    void extend(Duration more) {
        if (!more.isNegative() && !more.isZero()) {
            extension = extension.plus(more);
            deadlineNanos += more.toNanos();
        }
    }

    /** How much later than the processing timeout the deadline is, for the size of the request. */
    public Duration extension() {
        return extension;
    }

    public Decisions decisions() {
        return decisions;
    }

    /** The caller gave up (it hung up, or stopped waiting): the work done for it is abandoned. */
    public void cancel() {
        cancelled.complete(null);
    }

    public boolean isCancelled() {
        return cancelled.isDone();
    }

    /** Runs {@code action} once when the request is cancelled (at once if it already was). */
    void onCancel(Runnable action) {
        cancelled.thenRun(action);
    }

    /** Keeps {@code resource} until the context is closed; closes it at once if the context already was. */
    void hold(AutoCloseable resource) {
        synchronized (held) {
            if (!closed) {
                held.add(resource);
                return;
            }
        }
        release(resource);
    }

    /** The answer has been delivered, or given up: releases what the request held. Idempotent. */
    @Override
    public void close() {
        List<AutoCloseable> toRelease;
        synchronized (held) {
            if (closed) {
                return;
            }
            closed = true;
            toRelease = List.copyOf(held);
            held.clear();
        }
        toRelease.forEach(RequestContext::release);
    }

    private static void release(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("releasing {} failed: {}", resource, e.toString());
        }
    }

    @Override
    public String toString() {
        return "request " + id + " from " + caller;
    }
}
