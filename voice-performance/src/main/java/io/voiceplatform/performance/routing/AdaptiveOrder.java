package io.voiceplatform.performance.routing;

import io.voiceplatform.api.Operation;
import io.voiceplatform.core.pipeline.ProviderOrder;
import io.voiceplatform.performance.config.PerformanceSettings;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Orders a provider chain by what was observed over a sliding window of calls. Only providers with enough
 * samples move, and only among the places such providers hold; a pinned provider stays first. Unhealthy
 * providers go last; a provider whose composite score (success rate, latency, throughput) is below the
 * quality threshold of the best goes behind those above it. Its observed latencies also set the hedge delay
 * ({@link ObservedLatencyHedging}).
 */
public final class AdaptiveOrder implements ProviderOrder {
    private static final double MIN_SUCCESS_RATE = 0.95;
    private static final int MAX_CONSECUTIVE_FAILURES = 3;

    private final int window;
    private final int minSamples;
    private final double qualityThreshold;
    private final LongSupplier clock;
    private final Map<String, CallWindow> windows = new ConcurrentHashMap<>();

    @Inject
    public AdaptiveOrder(PerformanceSettings settings) {
        this(settings.routing().window(), settings.routing().minSamples(), settings.routing().qualityThreshold(), System::nanoTime);
    }

    AdaptiveOrder(int window, int minSamples, double qualityThreshold, LongSupplier clock) {
        this.window = window;
        this.minSamples = minSamples;
        this.qualityThreshold = qualityThreshold;
        this.clock = clock;
    }

    @Override
    public void record(Operation operation, String provider, boolean ok, long latencyNanos) {
        windows.computeIfAbsent(operation.id() + "/" + provider, k -> new CallWindow(window))
                .record(ok, latencyNanos, clock.getAsLong());
    }

    /** The provider's 95th percentile latency of successful calls, once it has {@code minSamples} of them. */
    public Optional<Duration> observedP95(Operation operation, String provider) {
        CallWindow w = windows.get(operation.id() + "/" + provider);
        long nanos = w == null ? -1 : w.successLatencyQuantile(0.95, minSamples);
        return nanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }

    @Override
    public List<String> order(Operation operation, List<String> providers, boolean pinned) {
        List<Integer> slots = new ArrayList<>();
        List<Scored> known = new ArrayList<>();
        for (int i = pinned ? 1 : 0; i < providers.size(); i++) {
            CallWindow w = windows.get(operation.id() + "/" + providers.get(i));
            CallWindow.Stats stats = w == null ? null : w.stats();
            if (stats != null && stats.samples() >= minSamples) {
                slots.add(i);
                known.add(new Scored(providers.get(i), stats));
            }
        }
        if (known.size() < 2) {
            return providers;
        }
        double fastest = known.stream().mapToDouble(s -> s.stats().meanMillis()).min().orElse(1);
        double busiest = known.stream().mapToDouble(s -> s.stats().callsPerSecond()).max().orElse(1);
        known.forEach(s -> s.score = score(s.stats(), fastest, busiest));
        double best = known.stream().filter(s -> healthy(s.stats())).mapToDouble(s -> s.score).max().orElse(0);
        known.sort(Comparator.comparingInt((Scored s) -> tier(s, best)).thenComparing(s -> -s.score));
        List<String> ordered = new ArrayList<>(providers);
        for (int i = 0; i < slots.size(); i++) {
            ordered.set(slots.get(i), known.get(i).provider());
        }
        return List.copyOf(ordered);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("active", true);
        out.put("window", window);
        out.put("min-samples", minSamples);
        out.put("quality-threshold", qualityThreshold);
        return out;
    }

    /** 0 good, 1 below the quality threshold of the best, 2 unhealthy. */
    private int tier(Scored s, double best) {
        if (!healthy(s.stats())) {
            return 2;
        }
        return s.score < qualityThreshold * best ? 1 : 0;
    }

    private static boolean healthy(CallWindow.Stats stats) {
        return stats.successRate() >= MIN_SUCCESS_RATE && stats.consecutiveFailures() < MAX_CONSECUTIVE_FAILURES;
    }

    /** Success counts most, then speed relative to the fastest, then throughput relative to the busiest. */
    private static double score(CallWindow.Stats stats, double fastest, double busiest) {
        double speed = stats.meanMillis() <= 0 ? 1 : Math.min(1, fastest / stats.meanMillis());
        double throughput = busiest <= 0 ? 0 : stats.callsPerSecond() / busiest;
        return 0.5 * stats.successRate() + 0.35 * speed + 0.15 * throughput;
    }

    private static final class Scored {
        private final String provider;
        private final CallWindow.Stats stats;
        private double score;

        Scored(String provider, CallWindow.Stats stats) {
            this.provider = provider;
            this.stats = stats;
        }

        String provider() {
            return provider;
        }

        CallWindow.Stats stats() {
            return stats;
        }
    }
}
