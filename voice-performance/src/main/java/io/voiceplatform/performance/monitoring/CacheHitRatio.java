package io.voiceplatform.performance.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The share of cache look-ups answered by a cache level, local or shared, from the caches' own counters
 * ({@code voice_cache_requests_total}); 0 before any look-up or without caches.
 */
final class CacheHitRatio {
    private CacheHitRatio() {
    }

    static double of(MeterRegistry meters) {
        double hits = count(meters, "stt", "hit") + count(meters, "tts", "hit")
                + count(meters, "stt-redis", "hit") + count(meters, "tts-redis", "hit");
        double lookups = count(meters, "stt", "hit") + count(meters, "tts", "hit")
                + count(meters, "stt", "miss") + count(meters, "tts", "miss");
        return lookups == 0 ? 0 : hits / lookups;
    }

    private static double count(MeterRegistry meters, String cache, String result) {
        Counter counter = meters.find("voice.cache.requests").tag("cache", cache).tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }
}
