package io.voiceplatform.core.pipeline;

import java.util.Optional;

/**
 * What the result cache answered for one task: a hit with the result, a miss, or bypass when it keeps no
 * results of that kind.
 */
public record CacheLookup<R>(CacheStatus status, Optional<R> result) {
    private static final CacheLookup<?> MISS = new CacheLookup<>(CacheStatus.MISS, Optional.empty());
    private static final CacheLookup<?> BYPASS = new CacheLookup<>(CacheStatus.BYPASS, Optional.empty());

    public CacheLookup {
        if ((status == CacheStatus.HIT) != result.isPresent()) {
            throw new IllegalArgumentException("a hit, and only a hit, carries a result");
        }
    }

    public static <R> CacheLookup<R> hit(R result) {
        return new CacheLookup<>(CacheStatus.HIT, Optional.of(result));
    }

    @SuppressWarnings("unchecked")
    public static <R> CacheLookup<R> miss() {
        return (CacheLookup<R>) MISS;
    }

    @SuppressWarnings("unchecked")
    public static <R> CacheLookup<R> bypass() {
        return (CacheLookup<R>) BYPASS;
    }
}
