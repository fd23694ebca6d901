package io.voiceplatform.performance.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.voiceplatform.api.Transcript;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Transcripts by task fingerprint: at most N entries, each served for the TTL. */
final class TranscriptCache implements LocalLevel<Transcript> {
    private final Cache<String, Transcript> cache;

    TranscriptCache(int maxEntries, Duration ttl, Ticker ticker) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(ttl)
                .executor(Runnable::run)
                .ticker(ticker)
                .recordStats()
                .build();
    }

    @Override
    public Optional<Transcript> get(String key) {
        return Optional.ofNullable(cache.getIfPresent(key));
    }

    /** Always kept: transcripts are small, so only the entry count bounds them. */
    @Override
    public boolean put(String key, Transcript transcript) {
        cache.put(key, transcript);
        return true;
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("entries", entries(), "evictions", evictions());
    }

    long entries() {
        return cache.estimatedSize();
    }

    long evictions() {
        return cache.stats().evictionCount();
    }
}
