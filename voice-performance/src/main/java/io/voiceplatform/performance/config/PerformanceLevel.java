package io.voiceplatform.performance.config;

import java.util.Arrays;
import java.util.List;

/** How hard the performance features work ({@code voice.performance.level}). */
public enum PerformanceLevel {
    BASIC("basic", 50, 50, 20),
    STANDARD("standard", 100, 100, 30),
    AGGRESSIVE("aggressive", 200, 150, 50),
    /** Measures and reports, changes no request: the explicit HTTP settings apply as they are. */
    MONITORING_ONLY("monitoring-only", 0, 0, 0);

    private final String id;
    private final long cacheMegabytes;
    private final int pool;
    private final int perHost;

    PerformanceLevel(String id, long cacheMegabytes, int pool, int perHost) {
        this.id = id;
        this.cacheMegabytes = cacheMegabytes;
        this.pool = pool;
        this.perHost = perHost;
    }

    /** Provider requests in flight at once, unless set explicitly; 0 means no preset. */
    public int poolPreset() {
        return pool;
    }

    /** Provider requests in flight per host at once, unless set explicitly; 0 means no preset. */
    public int perHostPreset() {
        return perHost;
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
