package io.voiceplatform.performance.routing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.voiceplatform.api.Operation;
import io.voiceplatform.core.pipeline.HedgePolicy;
import io.voiceplatform.performance.config.PerformanceSettings;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Hedges a provider that is slow for itself: the next provider starts too once the first has taken longer than
 * its observed 95th percentile (about one call in twenty: the slow tail, not the typical call), or the configured
 * delay until enough calls are on record. Counts {@code voice_hedges_total{operation,outcome=won|lost}}.
 */
public final class ObservedLatencyHedging implements HedgePolicy {
    /** Below this, timer jitter rather than a slow provider would fire hedges. */
    private static final Duration MIN_DELAY = Duration.ofMillis(10);

    private final Map<Operation, PerformanceSettings.Hedging> settings = new EnumMap<>(Operation.class);
    private final AdaptiveOrder observed;
    private final Map<Operation, Counter> won = new EnumMap<>(Operation.class);
    private final Map<Operation, Counter> lost = new EnumMap<>(Operation.class);

    @Inject
    public ObservedLatencyHedging(PerformanceSettings settings, AdaptiveOrder observed, MeterRegistry meters) {
        this.settings.put(Operation.STT, settings.sttHedging());
        this.settings.put(Operation.TTS, settings.ttsHedging());
        this.observed = observed;
        for (Operation operation : Operation.values()) {
            won.put(operation, counter(meters, operation, "won"));
            lost.put(operation, counter(meters, operation, "lost"));
        }
    }

    private static Counter counter(MeterRegistry meters, Operation operation, String outcome) {
        return Counter.builder("voice.hedges").description("Hedged provider calls started, by outcome")
                .tag("operation", operation.id()).tag("outcome", outcome).register(meters);
    }

    @Override
    public Optional<Duration> delay(Operation operation, String provider) {
        PerformanceSettings.Hedging hedging = settings.get(operation);
        if (!hedging.enabled()) {
            return Optional.empty();
        }
        Optional<Duration> p95 = hedging.adaptiveDelay() ? observed.observedP95(operation, provider) : Optional.empty();
        return Optional.of(p95.map(d -> d.compareTo(MIN_DELAY) < 0 ? MIN_DELAY : d).orElse(hedging.delay()));
    }

    @Override
    public int maxParallel(Operation operation) {
        PerformanceSettings.Hedging hedging = settings.get(operation);
        return hedging.enabled() ? hedging.maxParallelProviders() : 1;
    }

    @Override
    public void finished(Operation operation, String hedgeProvider, boolean hedgeWon) {
        (hedgeWon ? won : lost).get(operation).increment();
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("active", true);
        for (Operation operation : Operation.values()) {
            PerformanceSettings.Hedging hedging = settings.get(operation);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("enabled", hedging.enabled());
            figures.put("fired", (long) (won.get(operation).count() + lost.get(operation).count()));
            figures.put("won", (long) won.get(operation).count());
            out.put(operation.id(), figures);
        }
        return out;
    }
}
