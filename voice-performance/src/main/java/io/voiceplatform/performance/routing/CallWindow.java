package io.voiceplatform.performance.routing;

/**
 * The last N calls of one provider for one operation: outcome, latency and when it ended. Thread-safe.
 */
final class CallWindow {
    private final boolean[] succeeded;
    private final long[] latencyNanos;
    private final long[] endedAtNanos;
    private int next;
    private int size;
    private int consecutiveFailures;

    CallWindow(int capacity) {
        succeeded = new boolean[capacity];
        latencyNanos = new long[capacity];
        endedAtNanos = new long[capacity];
    }

    synchronized void record(boolean ok, long latency, long endedAt) {
        succeeded[next] = ok;
        latencyNanos[next] = latency;
        endedAtNanos[next] = endedAt;
        next = (next + 1) % succeeded.length;
        size = Math.min(size + 1, succeeded.length);
        consecutiveFailures = ok ? 0 : consecutiveFailures + 1;
    }

    synchronized Stats stats() {
        if (size == 0) {
            return new Stats(0, 1, 0, 0, 0);
        }
        int ok = 0;
        double latency = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            ok += succeeded[i] ? 1 : 0;
            latency += latencyNanos[i];
            first = Math.min(first, endedAtNanos[i]);
            last = Math.max(last, endedAtNanos[i]);
        }
        double spanSeconds = Math.max(1e-3, (last - first) / 1e9);
        return new Stats(size, (double) ok / size, latency / size / 1e6, size / spanSeconds, consecutiveFailures);
    }

    /**
     * The {@code quantile} (0..1) of the latencies of the successful calls in the window, or -1 when fewer than
     * {@code minSamples} calls succeeded. Failed calls are left out: a fast refusal says nothing of how long an
     * answer takes.
     */
    synchronized long successLatencyQuantile(double quantile, int minSamples) {
        long[] ok = new long[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (succeeded[i]) {
                ok[n++] = latencyNanos[i];
            }
        }
        if (n < Math.max(1, minSamples)) {
            return -1;
        }
        java.util.Arrays.sort(ok, 0, n);
        int rank = Math.max(1, (int) Math.ceil(quantile * n)); // nearest-rank percentile
        return ok[Math.min(n, rank) - 1];
    }

    /**
     * @param samples             calls in the window
     * @param successRate         0..1
     * @param meanMillis          mean latency
     * @param callsPerSecond      throughput over the window's time span
     * @param consecutiveFailures failures since the last success
     */
    record Stats(int samples, double successRate, double meanMillis, double callsPerSecond, int consecutiveFailures) {
    }
}
