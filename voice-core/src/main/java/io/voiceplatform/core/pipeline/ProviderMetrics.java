package io.voiceplatform.core.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.Operation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/**
 * {@code voice_provider_calls_total{provider,operation,outcome}}, {@code voice_provider_seconds{provider,operation}}
 * and {@code voice_fallbacks_total{operation}}. The latency timer has count, sum and max; histogram buckets
 * too when bound with them (the performance module's metrics collection does). Meters are kept once registered:
 * building one is a registry lookup with tag sorting, too much to repeat on every call.
 */
public final class ProviderMetrics {
    private final MeterRegistry registry;
    private final boolean histograms;
    private final Map<Outcome, Counter> calls = new ConcurrentHashMap<>();
    private final Map<Route, Timer> latencies = new ConcurrentHashMap<>();
    private final Map<Operation, Counter> fallbacks = new ConcurrentHashMap<>();

    /** @param histograms whether the latency timer keeps histogram buckets */
    public ProviderMetrics(MeterRegistry registry, boolean histograms) {
        this.registry = registry;
        this.histograms = histograms;
    }

    void call(Operation operation, String provider, long nanos, Throwable error) {
        calls.computeIfAbsent(new Outcome(operation, provider, outcome(error)), key -> Counter.builder("voice.provider.calls")
                .description("Provider calls by outcome")
                .tag("provider", key.provider()).tag("operation", key.operation().id()).tag("outcome", key.outcome())
                .register(registry)).increment();
        latencies.computeIfAbsent(new Route(operation, provider), key -> Timer.builder("voice.provider")
                .description("Provider call latency")
                .tag("provider", key.provider()).tag("operation", key.operation().id())
                .publishPercentileHistogram(histograms)
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    void fallback(Operation operation) {
        fallbacks.computeIfAbsent(operation, key -> Counter.builder("voice.fallbacks")
                .description("Requests passed on to the next provider")
                .tag("operation", key.id()).register(registry)).increment();
    }

    private record Route(Operation operation, String provider) {
    }

    private record Outcome(Operation operation, String provider, String outcome) {
    }

    private static String outcome(Throwable error) {
        if (error == null) {
            return "success";
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CancellationException) {
            return "cancelled";
        }
        return cause instanceof VoiceException v ? v.kind().name().toLowerCase(java.util.Locale.ROOT) : "provider_error";
    }
}
