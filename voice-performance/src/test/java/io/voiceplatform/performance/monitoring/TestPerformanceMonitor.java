package io.voiceplatform.performance.monitoring;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.voiceplatform.api.Operation;
import io.voiceplatform.performance.config.PerformanceSettings;
import io.voiceplatform.performance.config.TestingPerformanceConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestPerformanceMonitor {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicReference<Double> heap = new AtomicReference<>(0.3);

    private PerformanceMonitor monitor() {
        PerformanceSettings settings = PerformanceSettings.from(TestingPerformanceConfig.load(Map.of(
                "VOICE_V2_MONITORING_ENABLED", "true", "VOICE_V2_PERFORMANCE_ALERTS_ENABLED", "true"), ""));
        return new PerformanceMonitor(settings.monitoring(), meters, () -> 0.5, heap::get, () -> 0.1);
    }

    private static void requests(PerformanceMonitor monitor, Operation op, int n, int failures, long millis) {
        for (int i = 0; i < n; i++) {
            monitor.finished(op, TimeUnit.MILLISECONDS.toNanos(millis), i < failures);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stt(Map<String, Object> evaluation) {
        return (Map<String, Object>) ((Map<String, Object>) evaluation.get("operations")).get("stt");
    }

    @Test
    void ratesFromRealMeasurements() {
        PerformanceMonitor excellent = monitor();
        requests(excellent, Operation.STT, 100, 0, 100);
        Map<String, Object> e = excellent.evaluate();
        assertEquals("EXCELLENT", e.get("status"));
        assertEquals(100.0, stt(e).get("p95_ms"));
        assertEquals(0.5, e.get("cache_hit_ratio"));

        PerformanceMonitor good = monitor();
        requests(good, Operation.STT, 100, 3, 100);
        assertEquals("GOOD", good.evaluate().get("status"));
        PerformanceMonitor warning = monitor();
        requests(warning, Operation.STT, 100, 0, 8000);
        assertEquals("WARNING", warning.evaluate().get("status"));
        PerformanceMonitor critical = monitor();
        requests(critical, Operation.TTS, 100, 20, 100);
        assertEquals("CRITICAL", critical.evaluate().get("status"));
    }

    @Test
    void aCrossingIsReportedOnceWhileItLasts() {
        PerformanceMonitor monitor = monitor();
        requests(monitor, Operation.STT, 100, 10, 100);
        monitor.evaluate();
        monitor.evaluate();
        assertEquals(1.0, meters.get("voice.performance.alerts").tag("threshold", "error-rate:stt").counter().count());
        requests(monitor, Operation.STT, 1000, 0, 100);
        Map<String, Object> recovered = monitor.evaluate();
        assertEquals(List.of(), recovered.get("crossed"));
        requests(monitor, Operation.STT, 1000, 100, 100);
        monitor.evaluate();
        assertEquals(2.0, meters.get("voice.performance.alerts").tag("threshold", "error-rate:stt").counter().count());
    }

    @Test
    void holdsHeapAndLatencyTargets() {
        PerformanceMonitor monitor = monitor();
        heap.set(0.95);
        requests(monitor, Operation.TTS, 10, 0, 3500);
        Map<String, Object> evaluation = monitor.evaluate();
        List<?> crossed = (List<?>) evaluation.get("crossed");
        assertTrue(crossed.contains("memory") && crossed.contains("latency-target:tts") && crossed.contains("response-time:tts"),
                crossed.toString());
        assertEquals(3, ((List<?>) evaluation.get("last_crossings")).size());
    }
}
