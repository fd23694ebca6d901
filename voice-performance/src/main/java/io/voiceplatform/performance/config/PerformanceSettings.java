package io.voiceplatform.performance.config;

import com.typesafe.config.Config;
import io.voiceplatform.api.plugin.Secret;
import io.voiceplatform.core.config.SettingsReader;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The typed, validated settings of voice-performance ({@code voice.performance.*}), built by {@link #from}.
 *
 * @param level          preset of the features
 * @param sttCache       the transcript cache
 * @param ttsCache       the synthesis cache
 * @param ttsCompression whether uncompressed audio is kept compressed in the cache
 * @param ttsStreaming   streaming of synthesized audio
 * @param sttHedging     hedged transcription calls
 * @param ttsHedging     hedged synthesis calls
 * @param routing        adaptive provider order
 * @param http           limits of the provider HTTP clients
 * @param monitoring     measurements, thresholds and alerts
 * @param validation     what {@code ./voice validate} may do
 * @param logging        this module's log level
 * @param redis          the cache level shared by replicas
 */
public record PerformanceSettings(PerformanceLevel level, Cache sttCache, Cache ttsCache, boolean ttsCompression,
                                  Streaming ttsStreaming, Hedging sttHedging, Hedging ttsHedging, Routing routing,
                                  Http http, Monitoring monitoring, Validation validation, Logging logging, Redis redis) {
    private static final String ROOT = "voice.performance.";
    private static final int MAX = Integer.MAX_VALUE;
    /** 32 characters of a random secret are more than the 256 bits the MAC can use. */
    private static final int MIN_REDIS_SECRET_CHARS = 32;
    private static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR", "CRITICAL");

    /** @param ttl how long an entry is served */
    /** @param maxBytes byte budget; 0 for the level's preset (speech) or no byte bound (transcripts, which are small) */
    public record Cache(boolean enabled, int maxEntries, Duration ttl, long maxBytes) {
    }

    /** @param splitChars texts longer than this are split at sentence boundaries for providers that cannot stream */
    public record Streaming(boolean enabled, int splitChars) {
    }

    /**
     * @param delay                wait before the next provider starts too, until the provider's p95 is known
     * @param adaptiveDelay        wait the provider's observed p95 instead, once the routing window has enough calls
     * @param maxParallelProviders most providers working on one request at once
     */
    public record Hedging(boolean enabled, Duration delay, boolean adaptiveDelay, int maxParallelProviders) {
    }

    /**
     * @param window           most recent calls the order is computed from
     * @param minSamples       calls a provider needs before the order moves it
     * @param qualityThreshold share of the best score below which a provider moves behind the better ones
     */
    public record Routing(int window, int minSamples, double qualityThreshold) {
    }

    /**
     * @param maxConnections requests in flight over all hosts
     * @param maxPerHost     requests in flight to one host
     */
    public record Http(int maxConnections, int maxPerHost, Duration connectTimeout) {
    }

    /** Thresholds: a response time, and shares from 0 to 1 for error rate, heap and CPU use. */
    public record Monitoring(boolean enabled, Duration interval, boolean metricsEnabled, boolean alertsEnabled,
                             Duration responseTimeThreshold, double errorRateThreshold, double memoryUsageThreshold,
                             double cpuUsageThreshold, Duration sttLatencyTarget, Duration ttsLatencyTarget) {
    }

    public record Validation(boolean enabled, boolean loadTestingEnabled) {
    }

    /** @param level an SLF4J level name: TRACE, DEBUG, INFO, WARN or ERROR */
    public record Logging(String level, boolean debug) {
    }

    /**
     * @param uri           empty when there is no shared level; it may hold a password, so it never prints
     * @param timeout       most time one Redis command may take before it counts as a miss and the level as degraded
     * @param maxValueBytes larger results stay in the local level only: big values would hold up the commands queued behind them
     * @param secret        the key of the MAC every entry carries, the same on every replica
     */
    public record Redis(Optional<URI> uri, Duration timeout, long maxValueBytes, Secret secret) {
        /** The URI without user, password or database, for logs and health: {@code redis://host:port}. */
        public Optional<String> address() {
            return uri.map(u -> u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()));
        }

        @Override
        public String toString() {
            return "Redis[uri=" + address().orElse("none") + ", timeout=" + timeout + ", maxValueBytes=" + maxValueBytes + "]";
        }
    }

    /**
     * Reads and validates {@code voice.performance.*} with the platform's reader; a bad value throws an
     * {@link io.voiceplatform.core.config.InvalidConfigException} whose one-line message names the key, the value,
     * its origin and the rule.
     */
    public static PerformanceSettings from(Config config) {
        SettingsReader reader = new SettingsReader(config);
        return new PerformanceSettings(
                PerformanceLevel.of(reader.getString(ROOT + "level", PerformanceLevel.ids())),
                cache(reader, "stt"),
                cache(reader, "tts"),
                reader.getBoolean(ROOT + "tts.compression-enabled"),
                new Streaming(reader.getBoolean(ROOT + "tts.streaming-enabled"), reader.getInt(ROOT + "tts.streaming-split-chars", 1, MAX)),
                hedging(reader, "stt"),
                hedging(reader, "tts"),
                routing(reader),
                new Http(reader.getInt(ROOT + "http.max-connections", 1, MAX), reader.getInt(ROOT + "http.max-per-host", 1, MAX),
                        reader.getDuration(ROOT + "http.connect-timeout", ChronoUnit.SECONDS)),
                monitoring(reader),
                new Validation(reader.getBoolean(ROOT + "validation.enabled"), reader.getBoolean(ROOT + "validation.load-testing-enabled")),
                new Logging(logLevel(reader), reader.getBoolean(ROOT + "log.debug")),
                redis(reader));
    }

    private static Cache cache(SettingsReader reader, String operation) {
        String cache = ROOT + operation + ".cache.";
        return new Cache(reader.getBoolean(cache + "enabled"), reader.getInt(cache + "max-entries", 1, MAX),
                reader.getDuration(cache + "ttl", ChronoUnit.SECONDS),
                "tts".equals(operation) ? reader.getBytes(cache + "max-bytes") : 0);
    }

    private static Hedging hedging(SettingsReader reader, String operation) {
        String prefix = ROOT + operation + ".";
        return new Hedging(reader.getBoolean(prefix + "hedging-enabled"), reader.getDuration(prefix + "hedge-delay", ChronoUnit.MILLIS),
                reader.getBoolean(prefix + "hedge-delay-adaptive"), reader.getInt(prefix + "max-parallel-providers", 1, MAX));
    }

    private static Routing routing(SettingsReader reader) {
        int window = reader.getInt(ROOT + "routing.window", 1, MAX);
        int minSamples = reader.getInt(ROOT + "routing.min-samples", 1, MAX);
        if (minSamples > window) {
            throw reader.invalid(ROOT + "routing.min-samples", "is more than " + ROOT + "routing.window (" + window + ")");
        }
        return new Routing(window, minSamples, fraction(reader, ROOT + "routing.quality-threshold"));
    }

    private static Monitoring monitoring(SettingsReader reader) {
        String monitoring = ROOT + "monitoring.";
        return new Monitoring(
                reader.getBoolean(monitoring + "enabled"),
                reader.getDuration(monitoring + "interval", ChronoUnit.SECONDS),
                reader.getBoolean(monitoring + "metrics-enabled"),
                reader.getBoolean(monitoring + "alerts-enabled"),
                reader.getDuration(monitoring + "response-time-threshold", ChronoUnit.MILLIS),
                fraction(reader, monitoring + "error-rate-threshold"),
                fraction(reader, monitoring + "memory-usage-threshold"),
                fraction(reader, monitoring + "cpu-usage-threshold"),
                reader.getDuration(monitoring + "stt-latency-target", ChronoUnit.MILLIS),
                reader.getDuration(monitoring + "tts-latency-target", ChronoUnit.MILLIS));
    }

    private static double fraction(SettingsReader reader, String path) {
        return reader.getDouble(path, 0, 1);
    }

    /** The replaced system took Python's level names; WARNING and CRITICAL map to SLF4J's WARN and ERROR. */
    private static String logLevel(SettingsReader reader) {
        String level = reader.getString(ROOT + "log.level", LOG_LEVELS);
        return switch (level) {
            case "WARNING" -> "WARN";
            case "CRITICAL" -> "ERROR";
            default -> level;
        };
    }

    private static Redis redis(SettingsReader reader) {
        Optional<URI> uri = redisUri(reader);
        String secretPath = ROOT + "cache.redis.secret";
        String secret = reader.getString(secretPath).strip();
        if (uri.isPresent() && secret.length() < MIN_REDIS_SECRET_CHARS) {
            throw reader.invalid(secretPath, "must be set with " + ROOT + "cache.redis.uri: a secret of at least "
                    + MIN_REDIS_SECRET_CHARS + " characters, the same on every replica, that authenticates the shared entries");
        }
        return new Redis(uri, reader.getDuration(ROOT + "cache.redis.timeout", ChronoUnit.MILLIS),
                reader.getBytes(ROOT + "cache.redis.max-value-bytes"), Secret.of(secret));
    }

    private static Optional<URI> redisUri(SettingsReader reader) {
        String path = ROOT + "cache.redis.uri";
        String text = reader.getString(path).strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text);
            if (("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw reader.invalid(path, "is not a redis:// or rediss:// URI with a host");
    }
}
