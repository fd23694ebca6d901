package io.voiceplatform.core.pipeline;

/** How a result was obtained, as far as reuse goes; sent to callers as {@code X-Voice-Cache}. */
public enum CacheStatus {
    /** Served without a provider call of its own: from a result cache, or shared with an identical request. */
    HIT,
    /** Could have been reused, was not: a provider made it. */
    MISS,
    /** No reuse applies to this request (none is configured, or the result cannot be shared, like a stream). */
    BYPASS
}
