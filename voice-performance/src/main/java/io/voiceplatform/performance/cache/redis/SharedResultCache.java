package io.voiceplatform.performance.cache.redis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * One kind of result (transcripts or speech) in the shared level: its key namespace ({@code voice:stt:<digest>}),
 * its codec, and its look-ups counted as {@code voice.cache.requests{cache=stt-redis|tts-redis, result=hit|miss|error}},
 * where an error is a look-up Redis did not answer (down, slow, not yet connected) and a value that cannot be read
 * back, or whose MAC is not the replicas' (forged, or copied from another key), counts as a miss: it is overwritten by
 * the provider's answer.
 */
public final class SharedResultCache<V> {
    private final SharedLevel level;
    private final String namespace;
    private final ValueCodec<V> codec;
    private final Counter hits;
    private final Counter misses;
    private final Counter errors;

    /** @param cache {@code stt} or {@code tts} */
    public SharedResultCache(SharedLevel level, String cache, ValueCodec<V> codec, MeterRegistry meters) {
        this.level = level;
        this.namespace = "voice:" + cache + ":";
        this.codec = codec;
        this.hits = counter(meters, cache, "hit");
        this.misses = counter(meters, cache, "miss");
        this.errors = counter(meters, cache, "error");
    }

    private static Counter counter(MeterRegistry meters, String cache, String result) {
        return Counter.builder("voice.cache.requests").description("Result cache look-ups")
                .tag("cache", cache + "-redis").tag("result", result).register(meters);
    }

    /**
     * The result stored under {@code digest}; empty for a miss of any kind; fails only once the level is closed.
     * An answer from Redis continues on the level's executor, so the work after it (decoding, a provider call)
     * never runs on an I/O thread.
     */
    public CompletableFuture<Optional<V>> get(String digest) {
        CompletableFuture<Lookup> lookup = level.get(namespace + digest);
        if (lookup.isDone() && !lookup.join().answered()) {
            errors.increment();
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<Optional<V>> result = lookup.thenApplyAsync(found -> decode(namespace + digest, found), level.executor());
        result.whenComplete((value, error) -> {
            if (result.isCancelled()) {
                lookup.cancel(false);
            }
        });
        return result;
    }

    private Optional<V> decode(String name, Lookup lookup) {
        if (!lookup.answered()) {
            errors.increment();
            return Optional.empty();
        }
        Optional<V> value = lookup.value() == null ? Optional.empty()
                : level.seals().open(name, lookup.value()).flatMap(codec::decode);
        (value.isPresent() ? hits : misses).increment();
        return value;
    }

    /** Stores {@code value} for {@code ttl}; encoding and sending happen off the caller's thread. */
    public void put(String digest, V value, Duration ttl) {
        if (!level.up()) {
            return; // not worth encoding: the level would drop it
        }
        try {
            String name = namespace + digest;
            level.executor().execute(() -> level.put(name, level.seals().seal(name, codec.encode(value)), ttl));
        } catch (RejectedExecutionException closing) {
            // The level is shutting down; the result is in the local level and the caller has it.
        }
    }

    public long hits() {
        return (long) hits.count();
    }

    public long misses() {
        return (long) misses.count();
    }

    public long errors() {
        return (long) errors.count();
    }
}
