package io.voiceplatform.performance.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.performance.Chain;
import io.voiceplatform.api.performance.Operation;
import io.voiceplatform.api.performance.RequestContext;
import io.voiceplatform.performance.cache.redis.SharedLevel;
import io.voiceplatform.performance.cache.redis.SharedResultCache;
import io.voiceplatform.performance.cache.redis.SpeechCodec;
import io.voiceplatform.performance.cache.redis.TranscriptCodec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The result caches and request coalescing, around whole requests: a hit is answered at once; a miss joins
 * an identical request in flight, or makes the call and caches a success.
 */
public final class ResultCaches {
    private final Optional<TranscriptCache> transcripts;
    private final Optional<SpeechCache> speech;
    private final Coalescer<TranscriptKey, Transcript> sttCalls;
    private final Coalescer<SpeechKey, SynthesizedSpeech> ttsCalls;
    private final MeterRegistry meters;
    private final Duration sttTtl;
    private final Duration ttsTtl;
    private final Optional<SharedLevel> shared;
    private final Optional<SharedResultCache<Transcript>> sharedTranscripts;
    private final Optional<SharedResultCache<SynthesizedSpeech>> sharedSpeech;

    /**
     * @param sttCache  null for no STT cache
     * @param ttsCache  null for no TTS cache
     * @param shared    the level shared by replicas, behind each local cache there is; null for none
     */
    public ResultCaches(CacheLimits sttCache, CacheLimits ttsCache, boolean compress, MeterRegistry meters, Ticker ticker,
                        SharedLevel shared) {
        this.transcripts = Optional.ofNullable(sttCache).map(c -> new TranscriptCache(c.maxEntries(), c.ttl(), ticker));
        this.speech = Optional.ofNullable(ttsCache).map(c -> new SpeechCache(c.maxEntries(), c.maxBytes(), c.ttl(), compress, ticker));
        this.sttTtl = sttCache == null ? Duration.ZERO : sttCache.ttl();
        this.ttsTtl = ttsCache == null ? Duration.ZERO : ttsCache.ttl();
        this.shared = Optional.ofNullable(shared);
        // The shared level is a second level: an operation the operator does not cache locally is not shared either.
        this.sharedTranscripts = transcripts.isPresent() && shared != null
                ? Optional.of(new SharedResultCache<>(shared, "stt", new TranscriptCodec(), meters)) : Optional.empty();
        this.sharedSpeech = speech.isPresent() && shared != null
                ? Optional.of(new SharedResultCache<>(shared, "tts", new SpeechCodec(), meters)) : Optional.empty();
        this.meters = meters;
        this.sttCalls = new Coalescer<>(coalesced(meters, Operation.STT)::increment);
        this.ttsCalls = new Coalescer<>(coalesced(meters, Operation.TTS)::increment);
        speech.ifPresent(cache -> Gauge.builder("voice.cache.bytes", cache, SpeechCache::bytes)
                .description("Bytes held by a result cache").tag("cache", "tts").register(meters));
        transcripts.ifPresent(cache -> Gauge.builder("voice.cache.entries", cache, TranscriptCache::entries)
                .description("Entries held by a result cache").tag("cache", "stt").register(meters));
    }

    public CompletionStage<Transcript> transcribe(TranscriptionRequest request, RequestContext context,
                                                  Chain<TranscriptionRequest, Transcript> next) {
        TranscriptKey key = TranscriptKey.of(request, context);
        if (transcripts.isPresent()) {
            Optional<Transcript> hit = transcripts.get().get(key);
            count("stt", hit.isPresent());
            if (hit.isPresent()) {
                return CompletableFuture.completedFuture(hit.get());
            }
        }
        return sttCalls.call(key, () -> sharedThenCall(sharedTranscripts, key::digest, () -> next.proceed(request),
                transcript -> transcripts.map(cache -> cache.put(key, transcript)).orElse(false), sttTtl));
    }

    public CompletionStage<SynthesizedSpeech> synthesize(SpeechRequest request, RequestContext context,
                                                         Chain<SpeechRequest, SynthesizedSpeech> next) {
        SpeechKey key = SpeechKey.of(request, context);
        if (speech.isPresent()) {
            Optional<SynthesizedSpeech> hit = speech.get().get(key);
            count("tts", hit.isPresent());
            if (hit.isPresent()) {
                return CompletableFuture.completedFuture(hit.get());
            }
        }
        return ttsCalls.call(key, () -> sharedThenCall(sharedSpeech, key::digest, () -> next.proceed(request),
                result -> speech.map(cache -> cache.put(key, result)).orElse(false), ttsTtl));
    }

    /**
     * After a local miss: the shared level, then the provider call. A result from either is kept locally; a
     * provider's result is also shared, unless the local level refused it (over its byte budget), with the local TTL.
     *
     * @param keepLocally puts a result in the local level; false when it was refused
     */
    private static <T> CompletionStage<T> sharedThenCall(Optional<SharedResultCache<T>> shared, Supplier<String> digest,
                                                         Supplier<CompletionStage<T>> call, Predicate<T> keepLocally, Duration ttl) {
        if (shared.isEmpty()) {
            return andThen(call.get(), value -> {
                keepLocally.test(value);
                return value;
            });
        }
        String name = digest.get();
        CompletableFuture<Optional<T>> lookup = shared.get().get(name);
        CompletableFuture<T> result = new CompletableFuture<>();
        lookup.whenComplete((hit, lookupError) -> {
            if (result.isDone()) {
                return; // every caller gave up while Redis was asked: no provider call
            }
            CompletableFuture<T> provider;
            try {
                if (hit != null && hit.isPresent()) {
                    keepLocally.test(hit.get());
                    result.complete(hit.get());
                    return;
                }
                provider = andThen(call.get(), value -> {
                    if (keepLocally.test(value)) {
                        shared.get().put(name, value, ttl);
                    }
                    return value;
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            provider.whenComplete((value, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
            });
            result.whenComplete((value, error) -> {
                if (result.isCancelled()) {
                    provider.cancel(true);
                }
            });
        });
        result.whenComplete((value, error) -> {
            if (result.isCancelled()) {
                lookup.cancel(false);
            }
        });
        return result;
    }

    /** {@code call.thenApply(step)}, with cancellation passed back to the provider call. */
    private static <T> CompletableFuture<T> andThen(CompletionStage<T> call, java.util.function.UnaryOperator<T> step) {
        CompletableFuture<T> source = call.toCompletableFuture();
        CompletableFuture<T> result = source.thenApply(step);
        result.whenComplete((value, error) -> {
            if (result.isCancelled()) {
                source.cancel(true);
            }
        });
        return result;
    }

    /** The weighed size of the speech cache, which its byte budget bounds; 0 without one. */
    public long speechCacheWeight() {
        return speech.map(SpeechCache::weightedSize).orElse(0L);
    }

    /** For health output: sizes, bytes, hit counts, evictions, coalesced calls. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        transcripts.ifPresent(cache -> out.put("stt-cache", Map.of("entries", cache.entries(), "evictions", cache.evictions(),
                "hit-ratio", hitRatio("stt"))));
        speech.ifPresent(cache -> out.put("tts-cache", Map.of("entries", cache.entries(), "bytes", cache.bytes(),
                "evictions", cache.evictions(), "hit-ratio", hitRatio("tts"))));
        out.put("coalesced", Map.of("stt", sttCalls.joinedCalls(), "tts", ttsCalls.joinedCalls()));
        out.put("redis", describeShared());
        return out;
    }

    private void count(String cache, boolean hit) {
        Counter.builder("voice.cache.requests").description("Result cache look-ups")
                .tag("cache", cache).tag("result", hit ? "hit" : "miss").register(meters).increment();
    }

    private static Counter coalesced(MeterRegistry meters, Operation operation) {
        return Counter.builder("voice.coalesced").description("Requests answered by an identical request's call")
                .tag("operation", operation.id()).register(meters);
    }

    /**
     * {@code state} UP, DEGRADED or OFF, the shared level's look-ups (an error is one Redis did not answer), and
     * its address without credentials.
     */
    private Map<String, Object> describeShared() {
        if (shared.isEmpty() || sharedTranscripts.isEmpty() && sharedSpeech.isEmpty()) {
            return Map.of("state", "OFF");
        }
        List<SharedResultCache<?>> levels = new ArrayList<>();
        sharedTranscripts.ifPresent(levels::add);
        sharedSpeech.ifPresent(levels::add);
        Map<String, Object> level = shared.get().describe();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", level.get("state"));
        out.put("hits", levels.stream().mapToLong(SharedResultCache::hits).sum());
        out.put("misses", levels.stream().mapToLong(SharedResultCache::misses).sum());
        out.put("errors", levels.stream().mapToLong(SharedResultCache::errors).sum());
        out.put("uri", level.get("uri"));
        return out;
    }

    /** Requests answered by a cache level, local or shared, over the local look-ups; 0 before any look-up. */
    public double hitRatio() {
        double hits = counter("stt", "hit") + counter("tts", "hit") + counter("stt-redis", "hit") + counter("tts-redis", "hit");
        double total = counter("stt", "hit") + counter("tts", "hit") + counter("stt", "miss") + counter("tts", "miss");
        return total == 0 ? 0 : hits / total;
    }

    private double hitRatio(String cache) {
        double hits = counter(cache, "hit");
        double total = hits + counter(cache, "miss");
        return total == 0 ? 0 : Math.round(hits / total * 1000) / 1000.0;
    }

    private double counter(String cache, String result) {
        Counter counter = meters.find("voice.cache.requests").tag("cache", cache).tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    /**
     * @param maxEntries most entries
     * @param maxBytes   most bytes (TTS only)
     * @param ttl        how long an entry is served
     */
    public record CacheLimits(int maxEntries, long maxBytes, Duration ttl) {
    }
}
