package io.voiceplatform.performance.config;

import java.util.Arrays;
import java.util.List;

/** How hard the performance features work ({@code voice.performance.level}). */
public enum PerformanceLevel {
    BASIC("basic", 50),
    STANDARD("standard", 100),
    AGGRESSIVE("aggressive", 200),
    /** Measures and reports, changes no request. */
    MONITORING_ONLY("monitoring-only", 0);

    private final String id;
    private final long cacheMegabytes;

    PerformanceLevel(String id, long cacheMegabytes) {
        this.id = id;
        this.cacheMegabytes = cacheMegabytes;
    }

    /** The byte budget of the speech cache at this level. */
    public long cacheBytes() {
        return cacheMegabytes << 20;
    }

    /** Whether the features that change requests (caches, coalescing, hedging) may act. */
    public boolean changesRequests() {
        return this != MONITORING_ONLY;
    }

    /** The name used in configuration and health output. */
    public String id() {
        return id;
    }

    static List<String> ids() {
        return Arrays.stream(values()).map(PerformanceLevel::id).toList();
    }

    static PerformanceLevel of(String id) {
        return Arrays.stream(values()).filter(level -> level.id.equals(id)).findFirst().orElseThrow();
    }
}
