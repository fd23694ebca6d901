package io.voiceplatform.performance.config;

import com.typesafe.config.Config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The provider HTTP limits in force: the level's presets, unless a limit is set explicitly (in a file, the
 * environment or a -D option); the per-host limit never above the pool.
 *
 * @param maxConnections provider requests in flight at once, over all hosts
 * @param maxPerHost     provider requests in flight at once to one host
 */
public record ConnectionLimits(int maxConnections, int maxPerHost) {
    static final String MAX_CONNECTIONS = "voice.performance.http.max-connections";
    static final String MAX_PER_HOST = "voice.performance.http.max-per-host";

    public static ConnectionLimits of(PerformanceSettings settings, Config config) {
        PerformanceLevel level = settings.level();
        int pool = explicit(config, MAX_CONNECTIONS) || level.poolPreset() == 0
                ? settings.http().maxConnections() : level.poolPreset();
        int perHost = explicit(config, MAX_PER_HOST) || level.perHostPreset() == 0
                ? settings.http().maxPerHost() : level.perHostPreset();
        return new ConnectionLimits(pool, Math.min(perHost, pool));
    }

    /** The limits in force that differ from the configured values, by key. */
    public Map<String, String> differingFrom(PerformanceSettings.Http configured) {
        Map<String, String> differing = new LinkedHashMap<>();
        if (maxConnections != configured.maxConnections()) {
            differing.put(MAX_CONNECTIONS, Integer.toString(maxConnections));
        }
        if (maxPerHost != configured.maxPerHost()) {
            differing.put(MAX_PER_HOST, Integer.toString(maxPerHost));
        }
        return differing;
    }

    private static boolean explicit(Config config, String path) {
        return !"reference.conf".equals(config.getValue(path).origin().resource());
    }
}
