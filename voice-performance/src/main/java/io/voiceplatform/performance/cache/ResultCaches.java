package io.voiceplatform.performance.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.core.pipeline.CacheLookup;
import io.voiceplatform.core.pipeline.ResultCache;
import io.voiceplatform.core.pipeline.SpeechTask;
import io.voiceplatform.core.pipeline.Task;
import io.voiceplatform.core.pipeline.TranscriptionTask;
import io.voiceplatform.performance.cache.redis.SharedLevel;
import io.voiceplatform.performance.cache.redis.SharedResultCache;
import io.voiceplatform.performance.cache.redis.SpeechCodec;
import io.voiceplatform.performance.cache.redis.TranscriptCodec;
import io.voiceplatform.performance.config.PerformanceSettings;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The result caches: transcripts and whole speech in memory, by task fingerprint, each switched on by its own
 * setting; behind them, when a Redis URI is set, the level that replicas share. A local miss asks Redis; a hit
 * there is kept locally. A provider's result is kept locally and, unless the local level refused it (over its
 * byte budget), shared in the background with the same TTL. Streams are never cached.
 */
public final class ResultCaches implements ResultCache, AutoCloseable {
    private final Optional<Shelf<Transcript>> transcripts;
    private final Optional<Shelf<SynthesizedSpeech>> speech;
    private final Optional<SharedLevel> shared;

    @Inject
    public ResultCaches(PerformanceSettings settings, MeterRegistry meters) {
        this(settings, meters, Ticker.systemTicker(),
                settings.redis().uri().isPresent() ? new SharedLevel(settings.redis()) : null);
    }

    /** @param shared the level shared by replicas; null for none */
    ResultCaches(PerformanceSettings settings, MeterRegistry meters, Ticker ticker, SharedLevel shared) {
        this.shared = Optional.ofNullable(shared);
        PerformanceSettings.Cache stt = settings.sttCache();
        PerformanceSettings.Cache tts = settings.ttsCache();
        this.transcripts = stt.enabled() ? Optional.of(new Shelf<>("stt", new TranscriptCache(stt.maxEntries(), stt.ttl(), ticker),
                stt.ttl(), this.shared.map(level -> new SharedResultCache<>(level, "stt", new TranscriptCodec(), meters)), meters))
                : Optional.empty();
        long speechBytes = tts.maxBytes() > 0 ? tts.maxBytes() : settings.level().cacheBytes();
        this.speech = tts.enabled() ? Optional.of(new Shelf<>("tts", new SpeechCache(tts.maxEntries(), speechBytes, tts.ttl(),
                settings.ttsCompression(), ticker), tts.ttl(),
                this.shared.map(level -> new SharedResultCache<>(level, "tts", new SpeechCodec(), meters)), meters))
                : Optional.empty();
        transcripts.ifPresent(shelf -> Gauge.builder("voice.cache.entries", (TranscriptCache) shelf.local, TranscriptCache::entries)
                .description("Entries held by a result cache").tag("cache", "stt").register(meters));
        speech.ifPresent(shelf -> Gauge.builder("voice.cache.bytes", (SpeechCache) shelf.local, SpeechCache::bytes)
                .description("Bytes held by a result cache").tag("cache", "tts").register(meters));
    }

    @Override
    public <R> CompletionStage<CacheLookup<R>> find(Task<R> task) {
        return shelf(task).map(shelf -> shelf.find(task.fingerprint()))
                .orElseGet(() -> CompletableFuture.completedFuture(CacheLookup.bypass()));
    }

    @Override
    public <R> void store(Task<R> task, R result) {
        shelf(task).ifPresent(shelf -> shelf.store(task.fingerprint(), result));
    }

    /** The shelf that keeps a task's results: a transcription's or a whole synthesis's, when that cache is on. */
    @SuppressWarnings("unchecked") // a TranscriptionTask is a Task<Transcript>, a SpeechTask a Task<SynthesizedSpeech>
    private <R> Optional<Shelf<R>> shelf(Task<R> task) {
        if (task instanceof TranscriptionTask) {
            return transcripts.map(shelf -> (Shelf<R>) shelf);
        }
        if (task instanceof SpeechTask) {
            return speech.map(shelf -> (Shelf<R>) shelf);
        }
        return Optional.empty();
    }

    /** The weighed size of the speech cache, which its byte budget bounds; 0 without one. */
    long speechCacheWeight() {
        return speech.map(shelf -> ((SpeechCache) shelf.local).weightedSize()).orElse(0L);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("active", true);
        out.put("stt", transcripts.map(Shelf::describe).orElse(Map.of("enabled", false)));
        out.put("tts", speech.map(Shelf::describe).orElse(Map.of("enabled", false)));
        out.put("redis", describeShared());
        return out;
    }

    /**
     * {@code state} UP, DEGRADED or OFF, the shared level's look-ups (an error is one Redis did not answer), and
     * its address without credentials.
     */
    private Map<String, Object> describeShared() {
        if (shared.isEmpty()) {
            return Map.of("state", "OFF");
        }
        Map<String, Object> level = shared.get().describe();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", level.get("state"));
        out.put("hits", sharedCount(SharedResultCache::hits));
        out.put("misses", sharedCount(SharedResultCache::misses));
        out.put("errors", sharedCount(SharedResultCache::errors));
        out.put("uri", level.get("uri"));
        return out;
    }

    private long sharedCount(java.util.function.ToLongFunction<SharedResultCache<?>> count) {
        return transcripts.flatMap(shelf -> shelf.shared).map(count::applyAsLong).orElse(0L)
                + speech.flatMap(shelf -> shelf.shared).map(count::applyAsLong).orElse(0L);
    }

    @Override
    public void close() {
        shared.ifPresent(SharedLevel::close);
    }

    /** One kind of result: its local level, the shared one behind it, and its look-ups counted. */
    private static final class Shelf<R> {
        private final LocalLevel<R> local;
        private final Duration ttl;
        private final Optional<SharedResultCache<R>> shared;
        private final Counter hits;
        private final Counter misses;

        Shelf(String cache, LocalLevel<R> local, Duration ttl, Optional<SharedResultCache<R>> shared, MeterRegistry meters) {
            this.local = local;
            this.ttl = ttl;
            this.shared = shared;
            this.hits = counter(meters, cache, "hit");
            this.misses = counter(meters, cache, "miss");
        }

        private static Counter counter(MeterRegistry meters, String cache, String result) {
            return Counter.builder("voice.cache.requests").description("Result cache look-ups")
                    .tag("cache", cache).tag("result", result).register(meters);
        }

        CompletionStage<CacheLookup<R>> find(String fingerprint) {
            Optional<R> hit = local.get(fingerprint);
            (hit.isPresent() ? hits : misses).increment();
            if (hit.isPresent()) {
                return CompletableFuture.completedFuture(CacheLookup.hit(hit.get()));
            }
            if (shared.isEmpty()) {
                return CompletableFuture.completedFuture(CacheLookup.miss());
            }
            return shared.get().get(fingerprint).thenApply(found -> found.map(value -> {
                local.put(fingerprint, value);
                return CacheLookup.hit(value);
            }).orElseGet(CacheLookup::miss));
        }

        void store(String fingerprint, R result) {
            if (local.put(fingerprint, result)) {
                shared.ifPresent(level -> level.put(fingerprint, result, ttl));
            }
        }

        Map<String, Object> describe() {
            Map<String, Object> out = new LinkedHashMap<>(local.describe());
            double lookups = hits.count() + misses.count();
            out.put("hit-ratio", lookups == 0 ? 0.0 : Math.round(hits.count() / lookups * 1000) / 1000.0);
            return out;
        }
    }
}
