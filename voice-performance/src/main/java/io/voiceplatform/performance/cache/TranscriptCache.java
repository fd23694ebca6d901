package io.voiceplatform.performance.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.voiceplatform.api.Transcript;

import java.time.Duration;
import java.util.Optional;

/** Transcripts by {@link TranscriptKey}: at most N entries, each served for the TTL. */
final class TranscriptCache {
    private final Cache<TranscriptKey, Transcript> cache;

    TranscriptCache(int maxEntries, Duration ttl, Ticker ticker) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(ttl)
                .executor(Runnable::run)
                .ticker(ticker)
                .recordStats()
                .build();
    }

    Optional<Transcript> get(TranscriptKey key) {
        return Optional.ofNullable(cache.getIfPresent(key));
    }

    /** Always kept: transcripts are small, so only the entry count bounds them. */
    boolean put(TranscriptKey key, Transcript transcript) {
        cache.put(key, transcript);
        return true;
    }

    long entries() {
        return cache.estimatedSize();
    }

    long evictions() {
        return cache.stats().evictionCount();
    }
}
