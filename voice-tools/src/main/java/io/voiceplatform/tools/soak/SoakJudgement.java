package io.voiceplatform.tools.soak;

import io.voiceplatform.tools.validate.ResourceSample;
import io.voiceplatform.tools.validate.RunTotals;
import io.voiceplatform.tools.validate.Slope;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Whether a soak passed: no request lost (every one a success or a correct error in OpenAI's shape), heap after
 * GC without a growth trend and a thread count that levels off. Heap and threads are judged after the first
 * quarter of the run: the caches fill and the pools grow on demand before that (a 2-minute run once read the
 * caches filling, one step from 9.6 to 17.6 MB and then flat, as 4.25 MB/min of growth).
 *
 * @param summary  one line: requests, outcomes, heap after GC, threads
 * @param problems why the soak failed; empty when it passed
 */
record SoakJudgement(String summary, List<String> problems) {
    /** Below this many samples the whole run is judged: a quarter of a handful says nothing. */
    static final int SAMPLES_FOR_WARM_UP = 8;
    /** Live threads may rise this much after warm-up (bursts), not more. */
    static final double THREAD_GROWTH_ALLOWED = 8;

    SoakJudgement {
        problems = List.copyOf(problems);
    }

    static SoakJudgement of(RunTotals totals, List<ResourceSample> samples, double minutes) {
        List<ResourceSample> afterGc = measured(samples, ResourceSample::heapAfterGcMb);
        List<Double> threads = measured(samples, ResourceSample::liveThreads).stream().map(ResourceSample::liveThreads).toList();
        Double slope = heapSlopeMbPerMinute(afterWarmUp(afterGc));
        List<String> problems = new ArrayList<>();
        if (totals.requests() == 0) {
            problems.add("no request was made");
        }
        if (totals.lost() != 0) {
            problems.add(totals.lost() + " requests lost");
        }
        // A leak shows as heap after GC that keeps rising: allow noise, not a trend that would fill the heap in hours.
        if (slope == null) {
            problems.add("heap after GC was not measured");
        } else if (slope > allowedHeapGrowth(minutes)) {
            problems.add("heap after GC grows " + mbPerMinute(slope) + " after warm-up");
        }
        if (threads.isEmpty()) {
            problems.add("threads were not measured");
        } else {
            List<Double> warm = afterWarmUp(threads);
            if (Collections.max(warm) - warm.get(0) > THREAD_GROWTH_ALLOWED) {
                problems.add(String.format(Locale.ROOT, "threads kept growing after warm-up: %.0f -> %.0f", warm.get(0),
                        Collections.max(warm)));
            }
        }
        return new SoakJudgement(summary(totals, afterGc, slope, threads), problems);
    }

    boolean passed() {
        return problems.isEmpty();
    }

    /** MB per minute: at least 1, and at least 8 MB over the whole run, so a short run is not failed on noise. */
    static double allowedHeapGrowth(double minutes) {
        return Math.max(1.0, 8.0 / minutes);
    }

    private static <T> List<T> afterWarmUp(List<T> series) {
        return series.size() >= SAMPLES_FOR_WARM_UP ? series.subList(series.size() / 4, series.size()) : series;
    }

    private static Double heapSlopeMbPerMinute(List<ResourceSample> afterGc) {
        double[] minutes = afterGc.stream().mapToDouble(s -> s.atSeconds() / 60).toArray();
        double[] mb = afterGc.stream().mapToDouble(ResourceSample::heapAfterGcMb).toArray();
        return Slope.of(minutes, mb);
    }

    /** Two decimals, and a flat run's -0.000001 shown as 0.00 (BigDecimal has no negative zero). */
    private static String mbPerMinute(double slope) {
        return BigDecimal.valueOf(slope).setScale(2, RoundingMode.HALF_UP).toPlainString() + " MB/min";
    }

    private static List<ResourceSample> measured(List<ResourceSample> samples, Function<ResourceSample, Double> field) {
        return samples.stream().filter(s -> field.apply(s) != null).toList();
    }

    private static String summary(RunTotals totals, List<ResourceSample> afterGc, Double slope, List<Double> threads) {
        String heap = afterGc.isEmpty() ? "not measured" : String.format(Locale.ROOT, "%.1f -> %.1f MB (slope after warm-up %s)",
                afterGc.get(0).heapAfterGcMb(), afterGc.get(afterGc.size() - 1).heapAfterGcMb(),
                slope == null ? "not measured" : mbPerMinute(slope));
        String threadCounts = threads.isEmpty() ? "not measured" : String.format(Locale.ROOT, "%.0f/%.0f/%.0f",
                threads.get(0), threads.get(threads.size() - 1), Collections.max(threads));
        return String.format(Locale.ROOT, "%d requests in %.0f s, %d succeeded, %d correct errors, %d lost; heap after GC %s;"
                        + " threads first/last/max %s", totals.requests(), totals.elapsedSeconds(), totals.successes(),
                totals.correctErrors(), totals.lost(), heap, threadCounts);
    }
}
