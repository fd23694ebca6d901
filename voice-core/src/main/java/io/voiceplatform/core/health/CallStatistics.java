package io.voiceplatform.core.health;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * The last N calls of one provider for one operation: outcome and latency, in a ring buffer. Thread-safe;
 * the lock is held for a few array writes only.
 */
public final class CallStatistics {
    private final long[] latencyNanos;
    private final boolean[] succeeded;
    private int next;
    private int size;
    private long total;
    private int consecutiveFailures;
    private String lastError = "";

    public CallStatistics(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1");
        }
        this.latencyNanos = new long[window];
        this.succeeded = new boolean[window];
    }

    public synchronized void recordSuccess(long nanos) {
        add(true, nanos);
        consecutiveFailures = 0;
    }

    /** @param detail a short reason without secrets or upstream text ({@link FailureReason}), shown in health output */
    public synchronized void recordFailure(long nanos, String detail) {
        add(false, nanos);
        consecutiveFailures++;
        lastError = detail == null ? "" : detail;
    }

    public synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    public synchronized CallSnapshot snapshot() {
        if (size == 0) {
            return new CallSnapshot(total, 1.0, consecutiveFailures, 0, 0, 0, lastError);
        }
        long[] sorted = Arrays.copyOf(latencyNanos, size);
        int ok = 0;
        double sum = 0;
        for (int i = 0; i < size; i++) {
            ok += succeeded[i] ? 1 : 0;
            sum += latencyNanos[i];
        }
        Arrays.sort(sorted);
        return new CallSnapshot(total, (double) ok / size, consecutiveFailures,
                millis(percentile(sorted, 0.50)), millis(percentile(sorted, 0.95)), millis(sum / size), lastError);
    }

    /**
     * The 95th percentile latency of the successful calls in the window, once there are {@code minSamples} of them:
     * a provider's usual time, which failures (a hang cut at its time limit) do not stretch.
     */
    public synchronized OptionalLong successP95Nanos(int minSamples) {
        long[] successes = new long[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (succeeded[i]) {
                successes[n++] = latencyNanos[i];
            }
        }
        if (n < minSamples || n == 0) {
            return OptionalLong.empty();
        }
        long[] sorted = Arrays.copyOf(successes, n);
        Arrays.sort(sorted);
        return OptionalLong.of(percentile(sorted, 0.95));
    }

    private void add(boolean ok, long nanos) {
        latencyNanos[next] = Math.max(0, nanos);
        succeeded[next] = ok;
        next = (next + 1) % latencyNanos.length;
        size = Math.min(size + 1, latencyNanos.length);
        total++;
    }

    /** Nearest-rank percentile. */
    private static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(double nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }
}
