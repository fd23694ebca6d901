package io.voiceplatform.core.orchestration;

/** Whether a result came from the performance module's cache or shared call ({@code X-Voice-Cache}). */
public enum CacheStatus {
    /** Served without a provider call of its own. */
    HIT,
    /** Looked up, not found, computed by a provider. */
    MISS,
    /** No cache applies to this operation. */
    BYPASS
}
