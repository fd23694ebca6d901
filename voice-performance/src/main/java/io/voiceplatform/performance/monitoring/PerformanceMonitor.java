package io.voiceplatform.performance.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.voiceplatform.api.Operation;
import io.voiceplatform.core.pipeline.RequestObserver;
import io.voiceplatform.performance.config.PerformanceSettings;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * Holds the service against its targets from real measurements: request latency percentiles and error rate
 * per operation, cache hit ratio, heap use and process CPU. Rates it EXCELLENT (success >= 99 %, p95 <= 5 s),
 * GOOD (>= 95 %, <= 7 s), WARNING (>= 90 %, <= 10 s) or CRITICAL, and, with alerts on, logs one WARN line and
 * counts {@code voice_performance_alerts_total} when a threshold is crossed (not again while it stays crossed).
 * Evaluates every {@code voice.performance.monitoring.interval}.
 */
public final class PerformanceMonitor implements RequestObserver, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PerformanceMonitor.class);
    private static final int WINDOW = 1000;
    private static final int KEPT_CROSSINGS = 10;

    private final PerformanceSettings.Monitoring settings;
    private final MeterRegistry meters;
    private final DoubleSupplier cacheHitRatio;
    private final DoubleSupplier heapUsage;
    private final DoubleSupplier cpuLoad;
    private final Map<Operation, RequestWindow> windows = new EnumMap<>(Operation.class);
    private final Set<String> crossed = new HashSet<>();
    private final Deque<Map<String, Object>> lastCrossings = new ArrayDeque<>();
    private volatile Map<String, Object> lastEvaluation = Map.of("status", Status.EXCELLENT.name(), "evaluated", "never");
    private volatile ScheduledFuture<?> evaluations;

    @Inject
    public PerformanceMonitor(PerformanceSettings settings, MeterRegistry meters, ScheduledExecutorService scheduler) {
        this(settings.monitoring(), meters, () -> CacheHitRatio.of(meters), PerformanceMonitor::heapShare,
                PerformanceMonitor::processCpu);
        long every = settings.monitoring().interval().toMillis();
        evaluations = scheduler.scheduleAtFixedRate(this::evaluate, every, every, TimeUnit.MILLISECONDS);
    }

    PerformanceMonitor(PerformanceSettings.Monitoring settings, MeterRegistry meters, DoubleSupplier cacheHitRatio,
                       DoubleSupplier heapUsage, DoubleSupplier cpuLoad) {
        this.settings = settings;
        this.meters = meters;
        this.cacheHitRatio = cacheHitRatio;
        this.heapUsage = heapUsage;
        this.cpuLoad = cpuLoad;
        for (Operation operation : Operation.values()) {
            windows.put(operation, new RequestWindow(WINDOW));
        }
    }

    @Override
    public void finished(Operation operation, long nanos, boolean failed) {
        windows.get(operation).record(nanos, failed);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("active", true);
        out.put("metrics", settings.metricsEnabled());
        out.put("alerts", settings.alertsEnabled());
        out.putAll(lastEvaluation);
        return out;
    }

    @Override
    public void close() {
        ScheduledFuture<?> scheduled = evaluations;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    /** Evaluates now; called every {@code voice.performance.monitoring.interval}. */
    public synchronized Map<String, Object> evaluate() {
        Map<String, Object> operations = new LinkedHashMap<>();
        Status worst = Status.EXCELLENT;
        Set<String> now = new HashSet<>();
        for (Operation operation : Operation.values()) {
            RequestWindow.Snapshot s = windows.get(operation).snapshot();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("requests", s.requests());
            figures.put("error_rate", round(s.errorRate()));
            figures.put("mean_ms", s.meanMillis());
            figures.put("p50_ms", s.p50Millis());
            figures.put("p95_ms", s.p95Millis());
            figures.put("p99_ms", s.p99Millis());
            if (s.requests() > 0) {
                Status status = Status.of(1 - s.errorRate(), s.p95Millis());
                figures.put("status", status.name());
                worst = status.ordinal() > worst.ordinal() ? status : worst;
                Duration target = operation == Operation.STT ? settings.sttLatencyTarget() : settings.ttsLatencyTarget();
                check(now, "response-time:" + operation.id(), s.p95Millis() > settings.responseTimeThreshold().toMillis(), s.p95Millis());
                check(now, "error-rate:" + operation.id(), s.errorRate() > settings.errorRateThreshold(), s.errorRate());
                check(now, "latency-target:" + operation.id(), s.meanMillis() > target.toMillis(), s.meanMillis());
            }
            operations.put(operation.id(), figures);
        }
        double heap = heapUsage.getAsDouble();
        double cpu = cpuLoad.getAsDouble();
        check(now, "memory", heap > settings.memoryUsageThreshold(), heap);
        check(now, "cpu", cpu > settings.cpuUsageThreshold(), cpu);
        crossed.retainAll(now);
        Map<String, Object> evaluation = new LinkedHashMap<>();
        evaluation.put("status", worst.name());
        evaluation.put("evaluated", Instant.now().toString());
        evaluation.put("operations", operations);
        evaluation.put("cache_hit_ratio", round(cacheHitRatio.getAsDouble()));
        evaluation.put("heap_usage", round(heap));
        evaluation.put("process_cpu", round(cpu));
        evaluation.put("crossed", List.copyOf(crossed));
        evaluation.put("last_crossings", List.copyOf(lastCrossings));
        lastEvaluation = evaluation;
        return evaluation;
    }

    /** A threshold that is crossed now and was not at the last evaluation is reported, once. */
    private void check(Set<String> now, String threshold, boolean isCrossed, double value) {
        if (!isCrossed) {
            return;
        }
        now.add(threshold);
        if (crossed.add(threshold)) {
            Map<String, Object> crossing = new LinkedHashMap<>();
            crossing.put("threshold", threshold);
            crossing.put("value", round(value));
            crossing.put("at", Instant.now().toString());
            lastCrossings.addFirst(crossing);
            while (lastCrossings.size() > KEPT_CROSSINGS) {
                lastCrossings.removeLast();
            }
            if (settings.alertsEnabled()) {
                log.warn("performance threshold crossed: {} = {}", threshold, round(value));
                Counter.builder("voice.performance.alerts").description("Performance thresholds crossed")
                        .tag("threshold", threshold).register(meters).increment();
            }
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static double heapShare() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getMax() > 0 ? (double) heap.getUsed() / heap.getMax() : 0;
    }

    private static double processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuLoad());
        }
        return 0;
    }

    /** The monitor's rating. */
    enum Status {
        EXCELLENT, GOOD, WARNING, CRITICAL;

        static Status of(double successRate, double p95Millis) {
            if (successRate >= 0.99 && p95Millis <= 5000) {
                return EXCELLENT;
            }
            if (successRate >= 0.95 && p95Millis <= 7000) {
                return GOOD;
            }
            if (successRate >= 0.90 && p95Millis <= 10_000) {
                return WARNING;
            }
            return CRITICAL;
        }
    }
}
