package io.voiceplatform.performance.monitoring;

import java.util.Arrays;

/** The last N requests of one operation: latency and outcome, for percentiles and the error rate. Thread-safe. */
final class RequestWindow {
    private final long[] nanos;
    private final boolean[] failed;
    private int next;
    private int size;

    RequestWindow(int capacity) {
        nanos = new long[capacity];
        failed = new boolean[capacity];
    }

    synchronized void record(long latencyNanos, boolean failure) {
        nanos[next] = latencyNanos;
        failed[next] = failure;
        next = (next + 1) % nanos.length;
        size = Math.min(size + 1, nanos.length);
    }

    synchronized Snapshot snapshot() {
        if (size == 0) {
            return new Snapshot(0, 0, 0, 0, 0, 0);
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int failures = 0;
        double total = 0;
        for (int i = 0; i < size; i++) {
            failures += failed[i] ? 1 : 0;
            total += nanos[i];
        }
        return new Snapshot(size, (double) failures / size, millis(total / size), millis(rank(sorted, 0.50)),
                millis(rank(sorted, 0.95)), millis(rank(sorted, 0.99)));
    }

    private static long rank(long[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double millis(double nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }

    /**
     * @param requests  requests in the window
     * @param errorRate share of them that failed
     */
    record Snapshot(int requests, double errorRate, double meanMillis, double p50Millis, double p95Millis, double p99Millis) {
    }
}
