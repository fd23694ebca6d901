package io.voiceplatform.app.openai;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Failed authentications per client address, as a token bucket: {@link FailedAuthLimit#burst()} failures, refilling at
 * {@link FailedAuthLimit#perSecond()}. While an address's bucket is empty it is refused before its key is looked at,
 * a right key included, so guessing keys from one address costs time. A bucket left alone is full again after
 * {@link FailedAuthLimit#refillTime()}, so it is forgotten then; at most 100,000 addresses are tracked at once.
 */
final class FailedAuthThrottle {
    private static final int MAX_ADDRESSES = 100_000;

    private final FailedAuthLimit limit;
    private final LongSupplier nanoTime;
    private final Cache<String, Bucket> buckets;

    FailedAuthThrottle(FailedAuthLimit limit) {
        this(limit, System::nanoTime);
    }

    FailedAuthThrottle(FailedAuthLimit limit, LongSupplier nanoTime) {
        this.limit = limit;
        this.nanoTime = nanoTime;
        this.buckets = Caffeine.newBuilder().ticker(nanoTime::getAsLong)
                .expireAfterAccess(limit.refillTime()).maximumSize(MAX_ADDRESSES).build();
    }

    /** Empty when the address may present a key; otherwise how long until it may. */
    Optional<Duration> waitFor(String address) {
        Bucket bucket = buckets.getIfPresent(address);
        return bucket == null ? Optional.empty() : bucket.untilFree(nanoTime.getAsLong());
    }

    /** The address presented a wrong key, or none. */
    void failed(String address) {
        long now = nanoTime.getAsLong();
        buckets.get(address, a -> new Bucket(limit, now)).take(now);
    }

    /** The bucket as one number, the time it will be full again: no drift, however often it is read. */
    private static final class Bucket {
        private final long perFailure;
        private final long capacity;
        private long fullAt;

        Bucket(FailedAuthLimit limit, long now) {
            this.perFailure = limit.nanosPerFailure();
            this.capacity = limit.refillTime().toNanos();
            this.fullAt = now;
        }

        synchronized void take(long now) {
            // Capped at empty, so a bucket is surely full once it has been left alone for refillTime and may be forgotten.
            fullAt = Math.min(Math.max(fullAt, now) + perFailure, now + capacity);
        }

        synchronized Optional<Duration> untilFree(long now) {
            long untilOneFree = fullAt - now - (capacity - perFailure);
            return untilOneFree <= 0 ? Optional.empty() : Optional.of(Duration.ofNanos(untilOneFree));
        }
    }
}
