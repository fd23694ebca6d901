package io.voiceplatform.core.pipeline;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the stages decided for one request, for its answer's headers, the access log and metrics. Stages on
 * several threads write it while the request runs; the caller reads it once the result is there.
 */
public final class Decisions {
    private volatile CacheStatus cache = CacheStatus.BYPASS;
    private volatile boolean coalesced;
    private volatile String provider;
    private final AtomicInteger attempts = new AtomicInteger();
    private final List<String> hedges = new CopyOnWriteArrayList<>();

    void cache(CacheStatus status) {
        this.cache = status;
    }

    void coalesced() {
        this.coalesced = true;
    }

    void attempted() {
        attempts.incrementAndGet();
    }

    void hedged(String hedgeProvider) {
        hedges.add(hedgeProvider);
    }

    void servedBy(String winner) {
        this.provider = winner;
    }

    /** HIT, MISS or BYPASS. */
    public CacheStatus cache() {
        return cache;
    }

    /** Whether the result came from an identical request's provider call. */
    public boolean wasCoalesced() {
        return coalesced;
    }

    /** Provider calls made for this request, failed ones included; 0 when the result was reused. */
    public int attempts() {
        return attempts.get();
    }

    /** Providers started while an earlier one was still working (hedged requests), in order. */
    public List<String> hedges() {
        return List.copyOf(hedges);
    }

    /** The provider whose call produced the result, when this request made one. */
    public java.util.Optional<String> provider() {
        return java.util.Optional.ofNullable(provider);
    }
}
