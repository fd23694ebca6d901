package io.voiceplatform.tools.validate;

import java.util.Arrays;

/**
 * Latencies of one operation, computed exactly from every recorded value (no histogram buckets). Percentiles
 * use the nearest-rank method: the p-th percentile of n sorted values is the value at rank ceil(p/100 * n).
 * All times in milliseconds; every field but {@code count} is null when nothing was recorded.
 */
record LatencySummary(int count, Double meanMs, Double p50Ms, Double p95Ms, Double p99Ms, Double maxMs) {
    static final LatencySummary EMPTY = new LatencySummary(0, null, null, null, null, null);

    static LatencySummary of(double[] millis) {
        if (millis.length == 0) {
            return EMPTY;
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double value : sorted) {
            sum += value;
        }
        return new LatencySummary(sorted.length, sum / sorted.length, percentile(sorted, 50), percentile(sorted, 95),
                percentile(sorted, 99), sorted[sorted.length - 1]);
    }

    /** Nearest rank over values sorted ascending; {@code percent} from 0 (exclusive) to 100. */
    static double percentile(double[] sorted, double percent) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent must be in (0, 100]: " + percent);
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }
}
