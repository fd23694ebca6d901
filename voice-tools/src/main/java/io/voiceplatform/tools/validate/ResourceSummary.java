package io.voiceplatform.tools.validate;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The service's heap, CPU and threads over the run, from its {@code /metrics} scraped once a second.
 * Slopes are least-squares fits over the samples, in MB per minute: a steady upward slope of heap after GC
 * over a long run is a leak.
 *
 * @param samples            successful scrapes
 * @param failedScrapes      scrapes that failed
 * @param heapMaxMb          largest heap in use seen
 * @param heapMeanMb         mean heap in use
 * @param heapSlopeMbPerMin  trend of heap in use
 * @param heapAfterGcFirstMb old generation after GC at the first sample
 * @param heapAfterGcLastMb  and at the last
 * @param heapAfterGcSlopeMbPerMin trend of the heap after GC
 * @param cpuMaxPercent      highest process CPU seen (share of all processors)
 * @param cpuMeanPercent     mean process CPU
 * @param threadsFirst       live threads at the first sample
 * @param threadsLast        at the last
 * @param threadsMax         the most seen
 * @param note               why something was not measured; else null
 */
record ResourceSummary(int samples, int failedScrapes, Double heapMaxMb, Double heapMeanMb, Double heapSlopeMbPerMin,
                       Double heapAfterGcFirstMb, Double heapAfterGcLastMb, Double heapAfterGcSlopeMbPerMin,
                       Double cpuMaxPercent, Double cpuMeanPercent, Double threadsFirst, Double threadsLast, Double threadsMax,
                       String note) {
    static ResourceSummary of(List<ResourceSample> samples, int failedScrapes, String problem) {
        String note = null;
        if (samples.isEmpty()) {
            note = "GET /metrics gave no sample" + (problem == null ? "" : ": " + problem);
        } else if (series(samples, ResourceSample::heapUsedMb).isEmpty()) {
            note = "the service's /metrics has no jvm_memory_used_bytes";
        } else if (series(samples, ResourceSample::cpuPercent).isEmpty()) {
            note = "the service's /metrics has no process_cpu_usage";
        }
        List<ResourceSample> heap = series(samples, ResourceSample::heapUsedMb);
        List<ResourceSample> afterGc = series(samples, ResourceSample::heapAfterGcMb);
        List<ResourceSample> threads = series(samples, ResourceSample::liveThreads);
        return new ResourceSummary(samples.size(), failedScrapes,
                max(heap, ResourceSample::heapUsedMb), mean(heap, ResourceSample::heapUsedMb), slope(heap, ResourceSample::heapUsedMb),
                first(afterGc, ResourceSample::heapAfterGcMb), last(afterGc, ResourceSample::heapAfterGcMb),
                slope(afterGc, ResourceSample::heapAfterGcMb),
                max(samples, ResourceSample::cpuPercent), mean(samples, ResourceSample::cpuPercent),
                first(threads, ResourceSample::liveThreads), last(threads, ResourceSample::liveThreads),
                max(threads, ResourceSample::liveThreads), note);
    }

    private static List<ResourceSample> series(List<ResourceSample> samples, Function<ResourceSample, Double> field) {
        return samples.stream().filter(s -> field.apply(s) != null).toList();
    }

    private static Double max(List<ResourceSample> samples, Function<ResourceSample, Double> field) {
        return samples.stream().map(field).filter(Objects::nonNull).max(Double::compare).orElse(null);
    }

    private static Double mean(List<ResourceSample> samples, Function<ResourceSample, Double> field) {
        double[] values = samples.stream().map(field).filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
        return values.length == 0 ? null : java.util.Arrays.stream(values).average().orElseThrow();
    }

    private static Double first(List<ResourceSample> samples, Function<ResourceSample, Double> field) {
        return samples.isEmpty() ? null : field.apply(samples.get(0));
    }

    private static Double last(List<ResourceSample> samples, Function<ResourceSample, Double> field) {
        return samples.isEmpty() ? null : field.apply(samples.get(samples.size() - 1));
    }

    /** MB per minute over the samples' times. */
    private static Double slope(List<ResourceSample> samples, Function<ResourceSample, Double> field) {
        double[] minutes = samples.stream().mapToDouble(s -> s.atSeconds() / 60.0).toArray();
        double[] values = samples.stream().mapToDouble(s -> field.apply(s)).toArray();
        return Slope.of(minutes, values);
    }
}
