package io.voiceplatform.performance.config;

import java.util.Arrays;
import java.util.List;

/** How hard the performance features work ({@code voice.performance.level}). */
public enum PerformanceLevel {
    BASIC("basic"),
    STANDARD("standard"),
    AGGRESSIVE("aggressive"),
    /** Measures and reports, changes no request. */
    MONITORING_ONLY("monitoring-only");

    private final String id;

    PerformanceLevel(String id) {
        this.id = id;
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
