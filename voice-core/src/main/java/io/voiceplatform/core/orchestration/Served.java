package io.voiceplatform.core.orchestration;

/**
 * A result with how it was obtained.
 *
 * @param value    the transcript or speech
 * @param provider the provider that served it
 * @param attempts provider calls made for this request, failed ones included (0 for a cache hit)
 * @param cache    whether it came from the performance module's cache
 */
public record Served<T>(T value, String provider, int attempts, CacheStatus cache) {
}
