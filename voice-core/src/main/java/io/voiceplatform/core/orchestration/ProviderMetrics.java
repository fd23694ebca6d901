package io.voiceplatform.core.orchestration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.performance.Operation;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/**
 * {@code voice_provider_calls_total{provider,operation,outcome}}, {@code voice_provider_seconds{provider,operation}}
 * and {@code voice_fallbacks_total{operation}}. The latency timer has count, sum and max; histogram buckets
 * too when the performance extension asks for them (its metrics collection).
 */
public final class ProviderMetrics {
    private final MeterRegistry registry;
    private final boolean histograms;

    /** @param histograms whether the latency timer keeps histogram buckets */
    public ProviderMetrics(MeterRegistry registry, boolean histograms) {
        this.registry = registry;
        this.histograms = histograms;
    }

    void call(Operation operation, String provider, long nanos, Throwable error) {
        Counter.builder("voice.provider.calls").description("Provider calls by outcome")
                .tag("provider", provider).tag("operation", operation.id()).tag("outcome", outcome(error))
                .register(registry).increment();
        Timer.builder("voice.provider").description("Provider call latency")
                .tag("provider", provider).tag("operation", operation.id())
                .publishPercentileHistogram(histograms)
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry).record(Duration.ofNanos(nanos));
    }

    void fallback(Operation operation) {
        Counter.builder("voice.fallbacks").description("Requests passed on to the next provider")
                .tag("operation", operation.id()).register(registry).increment();
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
