package io.voiceplatform.performance.routing;

import io.voiceplatform.api.Operation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TestAdaptiveOrder {
    private final AtomicLong clock = new AtomicLong();
    private final AdaptiveOrder order = new AdaptiveOrder(100, 5, 0.8, clock::get);

    private void calls(String provider, int n, boolean ok, long millis) {
        for (int i = 0; i < n; i++) {
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(10));
            order.record(Operation.STT, provider, ok, TimeUnit.MILLISECONDS.toNanos(millis));
        }
    }

    @Test
    void nothingMovesBeforeEnoughSamples() {
        calls("slow", 4, true, 3000);
        calls("fast", 4, true, 50);
        assertEquals(List.of("slow", "fast"), order.order(Operation.STT, List.of("slow", "fast"), false));
    }

    @Test
    void aMuchSlowerProviderMovesBehindAFasterOne() {
        calls("slow", 20, true, 3000);
        calls("fast", 20, true, 50);
        assertEquals(List.of("fast", "slow"), order.order(Operation.STT, List.of("slow", "fast"), false));
        assertEquals(List.of("slow", "fast"), order.order(Operation.TTS, List.of("slow", "fast"), false), "per operation");
    }

    @Test
    void unhealthyProvidersGoLastAndUnsampledOnesKeepTheirPlace() {
        calls("failing", 20, false, 10);
        calls("ok", 20, true, 200);
        List<String> ordered = order.order(Operation.STT, List.of("failing", "new", "ok"), false);
        assertEquals(List.of("ok", "new", "failing"), ordered);
    }

    @Test
    void aPinnedProviderStaysFirst() {
        calls("slow", 20, true, 3000);
        calls("fast", 20, true, 50);
        calls("other", 20, true, 60);
        assertEquals(List.of("slow", "fast", "other"), order.order(Operation.STT, List.of("slow", "other", "fast"), true));
    }

    @Test
    void providersWithinTheQualityThresholdKeepTheirScoreOrder() {
        calls("a", 20, true, 100);
        calls("b", 20, true, 110);
        List<String> ordered = order.order(Operation.STT, List.of("b", "a"), false);
        assertEquals(List.of("a", "b"), ordered, "ordered by score, a is a little faster");
    }
}
