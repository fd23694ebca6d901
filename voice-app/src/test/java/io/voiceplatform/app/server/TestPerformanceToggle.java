package io.voiceplatform.app.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The performance module as operators switch it: by the toggle, and by removing its jar. Each case runs
 * the real service in a child JVM, so class loading can be observed and the class path chosen.
 */
@Timeout(120)
class TestPerformanceToggle {
    private static boolean isPerformanceModule(String entry) {
        return entry.contains("voice-performance");
    }

    @Test
    void withTheToggleOffNoClassOfThePerformanceModuleIsLoaded(@TempDir Path dir) throws Exception {
        try (ChildService child = ChildService.start(entry -> true, Map.of("VOICE_V2_PERFORMANCE_ENABLED", "false"),
                List.of("-Xlog:class+load=info"), dir)) {
            assertEquals(200, child.get("/health").statusCode());
            assertTrue(child.get("/health/details").body().contains("\"requested\":false"));
            assertTrue(child.log().contains("io.voiceplatform.core.bootstrap.VoiceRuntime"), "class loading is logged");
            assertFalse(child.log().contains("io.voiceplatform.performance."), "a performance class was loaded");
        }
    }

    @Test
    void withTheToggleOnTheModuleIsInstalledAndARepeatIsACacheHit(@TempDir Path dir) throws Exception {
        try (ChildService child = ChildService.start(entry -> true, Map.of("VOICE_V2_PERFORMANCE_ENABLED", "on",
                "VOICE_V2_TTS_OPTIMIZATION_ENABLED", "1"), List.of(), dir)) {
            String details = child.get("/health/details").body();
            assertTrue(details.contains("\"requested\":true") && details.contains("\"installed\":true"), details);
            HttpResponse<byte[]> first = child.speak("{\"input\":\"cache me\",\"response_format\":\"wav\"}");
            HttpResponse<byte[]> second = child.speak("{\"input\":\"cache me\",\"response_format\":\"wav\"}");
            assertEquals("MISS", first.headers().firstValue("X-Voice-Cache").orElseThrow());
            assertEquals("HIT", second.headers().firstValue("X-Voice-Cache").orElseThrow());
            assertEquals("0", second.headers().firstValue("X-Voice-Attempts").orElseThrow(), "no provider call for a hit");
            assertTrue(java.util.Arrays.equals(first.body(), second.body()));
            assertTrue(child.get("/metrics").body().contains("voice_cache_requests_total{cache=\"tts\",result=\"hit\"} 1.0"));
        }
    }

    @Test
    void withTheJarRemovedAndTheToggleOnTheServiceStillServesAndSaysSo(@TempDir Path dir) throws Exception {
        try (ChildService child = ChildService.start(entry -> !isPerformanceModule(entry),
                Map.of("VOICE_V2_PERFORMANCE_ENABLED", "true"), List.of(), dir)) {
            assertEquals(200, child.get("/health").statusCode());
            assertEquals(200, child.get("/health/ready").statusCode());
            String details = child.get("/health/details").body();
            assertTrue(details.contains("\"requested\":true") && details.contains("\"installed\":false"), details);
            long warnings = child.log().lines().filter(l -> l.contains("WARN") && l.contains("voice-performance")).count();
            assertEquals(1, warnings, "exactly one WARN line: " + child.log());
        }
    }
}
