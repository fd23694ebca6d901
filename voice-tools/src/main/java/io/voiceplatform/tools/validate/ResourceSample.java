package io.voiceplatform.tools.validate;

/**
 * One scrape of the service's {@code /metrics}; a field is null when the service did not expose it.
 *
 * @param atSeconds     seconds since the load started
 * @param heapUsedMb    {@code jvm_memory_used_bytes{area="heap"}}, summed over the memory pools
 * @param heapAfterGcMb {@code jvm_gc_live_data_size_bytes}: the old generation after the last collection
 * @param cpuPercent    {@code process_cpu_usage}, as a percentage of all the machine's processors
 * @param liveThreads   {@code jvm_threads_live_threads}
 */
public record ResourceSample(double atSeconds, Double heapUsedMb, Double heapAfterGcMb, Double cpuPercent, Double liveThreads) {
    private static final double MB = 1024.0 * 1024.0;

    static ResourceSample parse(double atSeconds, String metrics) {
        Double heap = PrometheusText.sum(metrics, "jvm_memory_used_bytes", labels -> labels.contains("area=\"heap\""));
        Double live = PrometheusText.value(metrics, "jvm_gc_live_data_size_bytes");
        Double cpu = PrometheusText.value(metrics, "process_cpu_usage");
        return new ResourceSample(atSeconds, heap == null ? null : heap / MB, live == null ? null : live / MB,
                cpu == null ? null : cpu * 100, PrometheusText.value(metrics, "jvm_threads_live_threads"));
    }
}
