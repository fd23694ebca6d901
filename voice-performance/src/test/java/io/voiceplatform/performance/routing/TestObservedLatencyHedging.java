package io.voiceplatform.performance.routing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.voiceplatform.api.Operation;
import io.voiceplatform.performance.config.PerformanceSettings;
import io.voiceplatform.performance.config.TestingPerformanceConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TestObservedLatencyHedging {
    private final AtomicLong clock = new AtomicLong();

    private ObservedLatencyHedging hedging(String config, AdaptiveOrder observed) {
        return new ObservedLatencyHedging(PerformanceSettings.from(TestingPerformanceConfig.load(Map.of(), config)), observed,
                new SimpleMeterRegistry());
    }

    private AdaptiveOrder observed(String config) {
        PerformanceSettings.Routing routing = PerformanceSettings.from(TestingPerformanceConfig.load(Map.of(), config)).routing();
        return new AdaptiveOrder(routing.window(), routing.minSamples(), routing.qualityThreshold(), clock::get);
    }

    @Test
    @SuppressWarnings("unchecked")
    void hedgesSttByDefaultAndTtsOnlyWhenAsked() {
        ObservedLatencyHedging hedging = hedging("", observed(""));
        assertEquals(Optional.of(Duration.ofMillis(1000)), hedging.delay(Operation.STT, "p"));
        assertEquals(2, hedging.maxParallel(Operation.STT));
        assertEquals(Optional.empty(), hedging.delay(Operation.TTS, "p"));
        assertEquals(1, hedging.maxParallel(Operation.TTS));
        hedging.finished(Operation.STT, "b", true);
        hedging.finished(Operation.STT, "c", false);
        assertEquals(Map.of("enabled", true, "fired", 2L, "won", 1L), hedging.describe().get("stt"));
        assertEquals(Map.of("enabled", false, "fired", 0L, "won", 0L), hedging.describe().get("tts"));
    }

    @Test
    void theDelayBecomesTheProvidersObservedP95() {
        AdaptiveOrder observed = observed("voice.performance.routing.min-samples = 20\n");
        ObservedLatencyHedging hedging = hedging("", observed);
        for (int i = 1; i <= 19; i++) {
            observed.record(Operation.STT, "p", true, Duration.ofMillis(10L * i).toNanos());
        }
        assertEquals(Optional.of(Duration.ofMillis(1000)), hedging.delay(Operation.STT, "p"), "too few samples: the configured delay");
        observed.record(Operation.STT, "p", true, Duration.ofMillis(200).toNanos());
        observed.record(Operation.STT, "p", false, Duration.ofMillis(5000).toNanos());
        // 20 successes: 10, 20, ..., 190 and 200 ms; the nearest-rank p95 is the 19th, 190 ms; the failure does not count.
        assertEquals(Optional.of(Duration.ofMillis(190)), hedging.delay(Operation.STT, "p"));
        assertEquals(Optional.of(Duration.ofMillis(1000)), hedging.delay(Operation.STT, "q"), "another provider has no samples");
    }

    @Test
    void theAdaptiveDelayCanBeSwitchedOffAndHasAFloor() {
        AdaptiveOrder observed = observed("");
        for (int i = 0; i < 10; i++) {
            observed.record(Operation.STT, "p", true, 300_000);
        }
        assertEquals(Optional.of(Duration.ofMillis(1000)),
                hedging("voice.performance.stt.hedge-delay-adaptive = false\n", observed).delay(Operation.STT, "p"));
        assertEquals(Optional.of(Duration.ofMillis(10)), hedging("", observed).delay(Operation.STT, "p"),
                "a sub-millisecond p95 would hedge on timer jitter");
    }
}
