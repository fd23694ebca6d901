package io.voiceplatform.performance.config;

import io.voiceplatform.api.plugin.Secret;
import io.voiceplatform.core.config.InvalidConfigException;

import io.voiceplatform.performance.config.PerformanceSettings.Cache;
import io.voiceplatform.performance.config.PerformanceSettings.Hedging;
import io.voiceplatform.performance.config.PerformanceSettings.Http;
import io.voiceplatform.performance.config.PerformanceSettings.Logging;
import io.voiceplatform.performance.config.PerformanceSettings.Monitoring;
import io.voiceplatform.performance.config.PerformanceSettings.Redis;
import io.voiceplatform.performance.config.PerformanceSettings.Routing;
import io.voiceplatform.performance.config.PerformanceSettings.Streaming;
import io.voiceplatform.performance.config.PerformanceSettings.Validation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static io.voiceplatform.performance.config.TestingPerformanceConfig.FILE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(10)
class TestPerformanceSettings {
    @Test
    void defaults() {
        assertEquals(new PerformanceSettings(
                PerformanceLevel.STANDARD,
                new Cache(false, 1000, Duration.ofSeconds(3600), 0),
                new Cache(false, 500, Duration.ofSeconds(7200), 0),
                false,
                new Streaming(false, 200),
                new Hedging(true, Duration.ofMillis(1000), true, 2),
                new Hedging(false, Duration.ofMillis(1000), true, 2),
                new Routing(100, 5, 0.8),
                new Http(100, 5, Duration.ofSeconds(30)),
                new Monitoring(false, Duration.ofSeconds(30), false, false, Duration.ofMillis(2000), 0.05, 0.8, 0.7,
                        Duration.ofMillis(3500), Duration.ofMillis(3000)),
                new Validation(true, true),
                new Logging("INFO", false),
                new Redis(Optional.empty(), Duration.ofMillis(100), 4_000_000, Secret.empty())), PerformanceSettings.from(TestingPerformanceConfig.defaults()));
    }

    @Test
    void everyLegacyEnvironmentVariable() {
        Map<String, String> environment = Map.ofEntries(
                Map.entry("VOICE_V2_STT_OPTIMIZATION_ENABLED", "true"),
                Map.entry("VOICE_V2_STT_CACHE_SIZE", "2000"),
                Map.entry("VOICE_V2_STT_CACHE_TTL", "60"),
                Map.entry("VOICE_V2_STT_MAX_CONNECTIONS", "150"),
                Map.entry("VOICE_V2_STT_CONNECTION_TIMEOUT", "10"),
                Map.entry("VOICE_V2_STT_PARALLEL_REQUESTS", "8"),
                Map.entry("VOICE_V2_TTS_OPTIMIZATION_ENABLED", "yes"),
                Map.entry("VOICE_V2_TTS_STREAMING_ENABLED", "ON"),
                Map.entry("VOICE_V2_TTS_CACHE_SIZE", "50"),
                Map.entry("VOICE_V2_TTS_CACHE_TTL", "120"),
                Map.entry("VOICE_V2_TTS_COMPRESSION_ENABLED", "1"),
                Map.entry("VOICE_V2_TTS_QUALITY_THRESHOLD", "0.6"),
                Map.entry("VOICE_V2_MONITORING_ENABLED", "True"),
                Map.entry("VOICE_V2_METRICS_COLLECTION_ENABLED", "true"),
                Map.entry("VOICE_V2_PERFORMANCE_ALERTS_ENABLED", "true"),
                Map.entry("VOICE_V2_LOAD_TESTING_ENABLED", "true"),
                Map.entry("VOICE_V2_PERFORMANCE_VALIDATION_ENABLED", "true"),
                Map.entry("VOICE_V2_RESPONSE_TIME_THRESHOLD", "1500"),
                Map.entry("VOICE_V2_ERROR_RATE_THRESHOLD", "0.1"),
                Map.entry("VOICE_V2_MEMORY_USAGE_THRESHOLD", "0.9"),
                Map.entry("VOICE_V2_CPU_USAGE_THRESHOLD", "0.5"),
                Map.entry("VOICE_V2_PERFORMANCE_LOG_LEVEL", "warning"),
                Map.entry("VOICE_V2_DEBUG_PERFORMANCE", "true"),
                Map.entry("VOICE_V2_REDIS_URL", "redis://cache:6379/0"),
                Map.entry("VOICE_V2_REDIS_SECRET", "0123456789abcdef0123456789abcdef"));

        assertEquals(new PerformanceSettings(
                PerformanceLevel.STANDARD,
                new Cache(true, 2000, Duration.ofSeconds(60), 0),
                new Cache(true, 50, Duration.ofSeconds(120), 0),
                true,
                new Streaming(true, 200),
                new Hedging(true, Duration.ofMillis(1000), true, 2),
                new Hedging(false, Duration.ofMillis(1000), true, 2),
                new Routing(100, 5, 0.6),
                new Http(150, 8, Duration.ofSeconds(10)),
                new Monitoring(true, Duration.ofSeconds(30), true, true, Duration.ofMillis(1500), 0.1, 0.9, 0.5,
                        Duration.ofMillis(3500), Duration.ofMillis(3000)),
                new Validation(true, true),
                new Logging("WARN", true),
                new Redis(Optional.of(URI.create("redis://cache:6379/0")), Duration.ofMillis(100), 4_000_000, Secret.of("0123456789abcdef0123456789abcdef"))),
                PerformanceSettings.from(TestingPerformanceConfig.load(environment, "")));
    }

    @Test
    void everyKeyInAFile() {
        String file = """
                voice.performance {
                  level = aggressive
                  stt { cache { enabled = on, max-entries = 3, ttl = 5m }, hedging-enabled = off, hedge-delay = 250, hedge-delay-adaptive = off, max-parallel-providers = 3 }
                  tts {
                    cache { enabled = true, max-entries = 4, ttl = 1h, max-bytes = 64MiB }
                    compression-enabled = true, streaming-enabled = true, streaming-split-chars = 80
                    hedging-enabled = true, hedge-delay = 2s, max-parallel-providers = 4
                  }
                  routing { window = 20, min-samples = 20, quality-threshold = 1 }
                  http { max-connections = 7, max-per-host = 2, connect-timeout = 500ms }
                  monitoring {
                    enabled = true, interval = 5, metrics-enabled = true, alerts-enabled = false
                    response-time-threshold = 1s, error-rate-threshold = 0, memory-usage-threshold = 1, cpu-usage-threshold = 0.25
                    stt-latency-target = 4s, tts-latency-target = 2500
                  }
                  validation { enabled = false, load-testing-enabled = true }
                  log { level = debug, debug = no }
                  cache.redis { uri = "rediss://:pw@cache.internal", timeout = 250, max-value-bytes = 1MiB, secret = "0123456789abcdef0123456789abcdef" }
                }
                """;

        assertEquals(new PerformanceSettings(
                PerformanceLevel.AGGRESSIVE,
                new Cache(true, 3, Duration.ofMinutes(5), 0),
                new Cache(true, 4, Duration.ofHours(1), 64L << 20),
                true,
                new Streaming(true, 80),
                new Hedging(false, Duration.ofMillis(250), false, 3),
                new Hedging(true, Duration.ofSeconds(2), true, 4),
                new Routing(20, 20, 1.0),
                new Http(7, 2, Duration.ofMillis(500)),
                new Monitoring(true, Duration.ofSeconds(5), true, false, Duration.ofSeconds(1), 0.0, 1.0, 0.25,
                        Duration.ofSeconds(4), Duration.ofMillis(2500)),
                new Validation(false, true),
                new Logging("DEBUG", false),
                new Redis(Optional.of(URI.create("rediss://:pw@cache.internal")), Duration.ofMillis(250), 1L << 20, Secret.of("0123456789abcdef0123456789abcdef"))),
                PerformanceSettings.from(TestingPerformanceConfig.load(Map.of(), file)));
    }

    @Test
    void monitoringOnlyIsALevel() {
        assertEquals(PerformanceLevel.MONITORING_ONLY, PerformanceSettings.from(
                TestingPerformanceConfig.load(Map.of(), "voice.performance.level = Monitoring-Only")).level());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "level | turbo | is not one of basic, standard, aggressive, monitoring-only",
            "stt.cache.enabled | maybe | is not a boolean (true/false, yes/no, on/off, 1/0)",
            "stt.cache.max-entries | 0 | is not a whole number >= 1",
            "stt.cache.ttl | forever | is not a duration of at least 1ms such as 500ms, 30s or 2m (a bare number counts as seconds)",
            "stt.hedge-delay | 0 | is not a duration of at least 1ms such as 500ms, 30s or 2m (a bare number counts as millis)",
            "stt.max-parallel-providers | 0 | is not a whole number >= 1",
            "tts.cache.max-entries | 1.5 | is not a whole number >= 1",
            "tts.compression-enabled | 2 | is not a boolean (true/false, yes/no, on/off, 1/0)",
            "tts.streaming-split-chars | -1 | is not a whole number >= 1",
            "routing.quality-threshold | 1.2 | is not a number between 0 and 1",
            "routing.min-samples | 101 | is more than voice.performance.routing.window (100)",
            "http.max-connections | lots | is not a whole number >= 1",
            "http.connect-timeout | -3s | is not a duration of at least 1ms such as 500ms, 30s or 2m (a bare number counts as seconds)",
            "monitoring.error-rate-threshold | -0.1 | is not a number between 0 and 1",
            "monitoring.cpu-usage-threshold | 70 | is not a number between 0 and 1",
            "monitoring.response-time-threshold | quick | is not a duration of at least 1ms such as 500ms, 30s or 2m (a bare number counts as millis)",
            "log.level | verbose | is not one of TRACE, DEBUG, INFO, WARN, WARNING, ERROR, CRITICAL",
            "cache.redis.uri | localhost:6379 | is not a redis:// or rediss:// URI with a host",
            "cache.redis.timeout | 0 | is not a duration of at least 1ms such as 500ms, 30s or 2m (a bare number counts as millis)",
            "cache.redis.max-value-bytes | big | is not a size in bytes such as 64MB",
    })
    void anInvalidValueFailsWithOneLineNamingKeyValueOriginAndRule(String key, String value, String rule) {
        String path = "voice.performance." + key;

        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> PerformanceSettings.from(TestingPerformanceConfig.load(Map.of(), path + " = \"" + value + "\"")));
        assertEquals(path + " = '" + value + "' (" + FILE + ": 1) " + rule, e.getMessage());
    }

    @Test
    void theErrorNamesTheEnvironmentVariableAndHidesAUriPassword() {
        InvalidConfigException size = assertThrows(InvalidConfigException.class, () -> PerformanceSettings.from(
                TestingPerformanceConfig.load(Map.of("VOICE_V2_STT_CACHE_SIZE", "abc"), "")));
        assertEquals("voice.performance.stt.cache.max-entries = 'abc' (environment VOICE_V2_STT_CACHE_SIZE) is not a whole number >= 1",
                size.getMessage());

        InvalidConfigException redis = assertThrows(InvalidConfigException.class, () -> PerformanceSettings.from(
                TestingPerformanceConfig.load(Map.of("VOICE_V2_REDIS_URL", "http://user:s3cret@cache"), "")));
        assertEquals("voice.performance.cache.redis.uri = 'http://****@cache' (environment VOICE_V2_REDIS_URL)"
                + " is not a redis:// or rediss:// URI with a host", redis.getMessage());
    }

    @Test
    void aSharedLevelWithoutASecretOfTheReplicasStopsStartUp() {
        InvalidConfigException none = assertThrows(InvalidConfigException.class, () -> PerformanceSettings.from(
                TestingPerformanceConfig.load(Map.of("VOICE_V2_REDIS_URL", "redis://cache:6379"), "")));
        assertEquals("voice.performance.cache.redis.secret = '' (default (reference.conf)) must be set with"
                + " voice.performance.cache.redis.uri: a secret of at least 32 characters, the same on every replica,"
                + " that authenticates the shared entries", none.getMessage());
        InvalidConfigException weak = assertThrows(InvalidConfigException.class, () -> PerformanceSettings.from(
                TestingPerformanceConfig.load(Map.of("VOICE_V2_REDIS_URL", "redis://cache:6379", "VOICE_V2_REDIS_SECRET", "hunter2"), "")));
        assertFalse(weak.getMessage().contains("hunter2"), "the secret is masked: " + weak.getMessage());
    }

    @Test
    void theRedisPasswordNeverPrints() {
        PerformanceSettings settings = PerformanceSettings.from(
                TestingPerformanceConfig.load(Map.of("VOICE_V2_REDIS_URL", "redis://:s3cret@cache:6379",
                        "VOICE_V2_REDIS_SECRET", "0123456789abcdef0123456789abcdef"), ""));

        assertEquals("Redis[uri=redis://cache:6379, timeout=PT0.1S, maxValueBytes=4000000]", settings.redis().toString());
        assertEquals(Optional.of("redis://cache:6379"), settings.redis().address());
        assertFalse(settings.toString().contains("s3cret"));
    }
}
