package io.voiceplatform.app.openai;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Per-caller request rate: Resilience4j rate limiters, one per key, forgotten when idle. */
final class CallerLimits {
    private final RateLimiterConfig perCaller;
    private final Cache<String, AtomicRateLimiter> limiters;
    CallerLimits(int perMinute) {
        this.perCaller = RateLimiterConfig.custom()
                .limitForPeriod(perMinute)
                .limitRefreshPeriod(Duration.ofMinutes(1))
                .timeoutDuration(Duration.ZERO)
                .build();
        this.limiters = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(5)).maximumSize(100_000).build();
    }

    /** Empty when the caller may go on; otherwise how long it should wait. */
    Optional<Duration> rateLimit(String caller) {
        AtomicRateLimiter limiter = limiters.get(caller, key -> new AtomicRateLimiter("caller", perCaller));
        if (limiter.acquirePermission()) {
            return Optional.empty();
        }
        long nanos = limiter.getDetailedMetrics().getNanosToWait();
        return Optional.of(Duration.ofNanos(Math.max(nanos, TimeUnit.SECONDS.toNanos(1))));
    }
}
