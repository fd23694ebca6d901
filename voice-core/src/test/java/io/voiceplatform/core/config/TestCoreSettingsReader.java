package io.voiceplatform.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class TestCoreSettingsReader {
    private static final long MB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void defaults() {
        CoreSettings settings = CoreSettingsReader.read(new TestingConfigSources(dir).load());

        assertEquals(new CoreSettings(
                new RoutingSettings(List.of("local"), List.of("local"), true),
                new LimitSettings(25 * MB, 4096, Duration.ofSeconds(30), "auto", 64, Duration.ofSeconds(2)),
                new ResilienceSettings(3, Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0, 0.5,
                        50f, 10, 100, 5, Duration.ofSeconds(4), 3, Duration.ofSeconds(1),
                        new ResilienceSettings.SlowProvider(4, Duration.ofSeconds(1), 10)),
                new HealthSettings(100, 0.95, 3, Duration.ofSeconds(4), 2, 5),
                new PluginDirectories(dir.resolve("providers"), dir.resolve("plugins")),
                Duration.ofSeconds(5), false), settings);
    }

    @Test
    void everyKeyOverridden() {
        TestingConfigSources sources = new TestingConfigSources(dir);
        sources.extraFile(sources.write("all.conf", """
                voice {
                  plugins { builtin-dir = "/opt/voice/providers", dir = "/opt/voice/plugins" }
                  default-language = en_us
                  stt { providers = [openai, local], default-provider = "" }
                  tts { providers = [google], default-provider = yandex }
                  limits { max-file-size-mb = 10, max-text-chars = 5000, processing-timeout = 45, max-in-flight = 8, in-flight-wait = 250 }
                  routing.pinned-fallback = off
                  resilience {
                    retry { max-attempts = 4, initial-backoff = 200ms, max-backoff = 5, multiplier = 1.5, jitter = 0 }
                    circuit-breaker {
                      failure-rate-threshold = 25.5, minimum-calls = 4, sliding-window = 20, consecutive-failures = 7
                      open-duration = 2m, half-open-calls = 1, first-open-duration = 3
                    }
                    slow-provider { p95-multiple = 2.5, min-wait = 300ms, min-samples = 20 }
                  }
                  health {
                    window = 50, min-success-rate = 0.9, max-consecutive-failures = 4, max-mean-latency = 1500ms
                    degraded-after = 3, down-after = 3
                  }
                  lifecycle.provider-close-timeout = 750ms
                  performance.enabled = yes
                }
                """));

        assertEquals(new CoreSettings(
                new RoutingSettings(List.of("openai", "local"), List.of("yandex", "google"), false),
                new LimitSettings(10 * MB, 5000, Duration.ofSeconds(45), "en-US", 8, Duration.ofMillis(250)),
                new ResilienceSettings(4, Duration.ofMillis(200), Duration.ofSeconds(5), 1.5, 0.0,
                        25.5f, 4, 20, 7, Duration.ofMinutes(2), 1, Duration.ofSeconds(3),
                        new ResilienceSettings.SlowProvider(2.5, Duration.ofMillis(300), 20)),
                new HealthSettings(50, 0.9, 4, Duration.ofMillis(1500), 3, 3),
                new PluginDirectories(Path.of("/opt/voice/providers"), Path.of("/opt/voice/plugins")),
                Duration.ofMillis(750), true), CoreSettingsReader.read(sources.load()));
    }

    @Test
    void legacyEnvironmentVariablesAreHonoured() {
        TestingConfigSources sources = new TestingConfigSources(dir)
                .env("VOICE_MAX_FILE_SIZE_MB", "10")
                .env("VOICE_PROCESSING_TIMEOUT", "45")
                .env("VOICE_DEFAULT_LANGUAGE", "ru-RU")
                .env("VOICE_V2_PERFORMANCE_ENABLED", "1");

        CoreSettings settings = CoreSettingsReader.read(sources.load());

        assertEquals(new LimitSettings(10 * MB, 4096, Duration.ofSeconds(45), "ru-RU", 64, Duration.ofSeconds(2)), settings.limits());
        assertTrue(settings.performanceEnabled());
    }

    @Test
    void aRenamedKeyStillCountsAndIsNamedForRenaming() {
        TestingConfigSources sources = new TestingConfigSources(dir);
        sources.extraFile(sources.write("old.conf", "voice.server.max-in-flight = 5\nvoice.server.in-flight-wait = 100ms\n"));
        VoiceConfig config = sources.load();

        LimitSettings limits = CoreSettingsReader.read(config).limits();
        assertEquals(5, limits.maxInFlight());
        assertEquals(Duration.ofMillis(100), limits.inFlightWait());
        assertEquals(java.util.Map.of("voice.server.max-in-flight", "voice.limits.max-in-flight",
                "voice.server.in-flight-wait", "voice.limits.in-flight-wait"), CoreSettingsReader.renamedKeys(config));
        assertEquals(List.of(), CoreSettingsReader.unknownKeys(config), "a renamed key is not reported as unknown");
    }

    @Test
    void theNewNameWinsOverTheOld() {
        TestingConfigSources sources = new TestingConfigSources(dir)
                .property("voice.server.max-in-flight", "5")
                .property("voice.limits.max-in-flight", "7");
        assertEquals(7, CoreSettingsReader.read(sources.load()).limits().maxInFlight());
    }

    @Test
    void theDefaultProviderMovesFirstOrIsAddedFirst() {
        TestingConfigSources sources = new TestingConfigSources(dir)
                .property("voice.stt.providers", "local,openai,google")
                .env("VOICE_DEFAULT_STT_PROVIDER", "openai")
                .env("VOICE_DEFAULT_TTS_PROVIDER", "yandex");

        RoutingSettings routing = CoreSettingsReader.read(sources.load()).routing();

        assertEquals(List.of("openai", "local", "google"), routing.sttProviders());
        assertEquals(List.of("yandex", "local"), routing.ttsProviders());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "voice.limits.max-file-size-mb | 0 | is not a whole number between 1 and 2047",
            "voice.limits.max-file-size-mb | abc | is not a whole number between 1 and 2047",
            "voice.limits.max-text-chars | -1 | is not a whole number >= 1",
            "voice.limits.processing-timeout | soon | is not a duration of at least 1ms such as 500ms, 30s or 2m (a bare number counts as seconds)",
            "voice.default-language | 12 | is not a language tag such as en-US, or auto",
            "voice.stt.providers | ' , ' | names no provider; list at least one, e.g. [\"local\"]",
            "voice.routing.pinned-fallback | maybe | is not a boolean (true/false, yes/no, on/off, 1/0)",
            "voice.resilience.retry.max-attempts | 0 | is not a whole number >= 1",
            "voice.resilience.retry.initial-backoff | 0 | is not a duration of at least 1ms such as 500ms, 30s or 2m (a bare number counts as seconds)",
            "voice.resilience.retry.max-backoff | 500ms | is shorter than voice.resilience.retry.initial-backoff (1000ms)",
            "voice.resilience.retry.multiplier | 0.5 | is not a number between 1 and 100",
            "voice.resilience.retry.jitter | 1.5 | is not a number between 0 and 1",
            "voice.resilience.retry.jitter | 1 | is not below 1 (a factor of 1 could make the wait zero)",
            "voice.resilience.circuit-breaker.failure-rate-threshold | 0 | is not a number between 1 and 100",
            "voice.resilience.circuit-breaker.failure-rate-threshold | 101 | is not a number between 1 and 100",
            "voice.resilience.circuit-breaker.minimum-calls | 0 | is not a whole number >= 1",
            "voice.resilience.circuit-breaker.sliding-window | 0 | is not a whole number >= 1",
            "voice.resilience.circuit-breaker.consecutive-failures | 0 | is not a whole number >= 1",
            "voice.resilience.circuit-breaker.open-duration | -1s | is not a duration of at least 1ms such as 500ms, 30s or 2m (a bare number counts as seconds)",
            "voice.resilience.circuit-breaker.half-open-calls | 0 | is not a whole number >= 1",
            "voice.health.window | 0 | is not a whole number >= 1",
            "voice.health.min-success-rate | 95 | is not a number between 0 and 1",
            "voice.health.max-consecutive-failures | 0 | is not a whole number >= 1",
            "voice.health.max-mean-latency | fast | is not a duration of at least 1ms such as 500ms, 30s or 2m (a bare number counts as seconds)",
            "voice.health.degraded-after | 0 | is not a whole number >= 1",
            "voice.health.down-after | 1 | is below voice.health.degraded-after (2)",
            "voice.performance.enabled | enabled | is not a boolean (true/false, yes/no, on/off, 1/0)",
            "voice.plugins.dir | ' ' | is empty; name a directory",
            "voice.plugins.builtin-dir | '' | is empty; name a directory",
    })
    void anInvalidValueStopsWithOneLineNamingKeyValueOriginAndRule(String key, String value, String rule) {
        TestingConfigSources sources = new TestingConfigSources(dir).property(key, value);

        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> CoreSettingsReader.read(sources.load()));
        assertEquals(key + " = '" + value + "' (system property) " + rule, e.getMessage());
    }

    @Test
    void theErrorNamesTheEnvironmentVariableDotEnvFileOrFileLine() {
        TestingConfigSources sources = new TestingConfigSources(dir.resolve("env")).env("VOICE_MAX_FILE_SIZE_MB", "abc");
        assertEquals("voice.limits.max-file-size-mb = 'abc' (environment VOICE_MAX_FILE_SIZE_MB) is not a whole number between 1 and 2047",
                assertThrows(InvalidConfigException.class, () -> CoreSettingsReader.read(sources.load())).getMessage());

        TestingConfigSources dotEnv = new TestingConfigSources(dir.resolve("dotenv"));
        Path env = dotEnv.write(".env", "VOICE_PROCESSING_TIMEOUT=forever");
        assertEquals("voice.limits.processing-timeout = 'forever' (.env file " + env + " (VOICE_PROCESSING_TIMEOUT)) is not a duration"
                        + " of at least 1ms such as 500ms, 30s or 2m (a bare number counts as seconds)",
                assertThrows(InvalidConfigException.class, () -> CoreSettingsReader.read(dotEnv.load())).getMessage());

        TestingConfigSources file = new TestingConfigSources(dir.resolve("file"));
        Path conf = file.write("voice.conf", "voice {\n  health.min-success-rate = 2\n}");
        file.extraFile(conf);
        assertEquals("voice.health.min-success-rate = '2' (file " + conf + ":2) is not a number between 0 and 1",
                assertThrows(InvalidConfigException.class, () -> CoreSettingsReader.read(file.load())).getMessage());
    }

    @Test
    void unknownKeysAreReportedExceptInSectionsOfProvidersWithoutReference() {
        TestingConfigSources sources = new TestingConfigSources(dir).property("voice.limts.max-text-chars", "5")
                .classPathResource("reference.conf", "voice.providers.cloudy.api-key = \"\"");
        sources.extraFile(sources.write("typos.conf", """
                voice.limits.max-file-size = 3
                voice.providers.cloudy.api-kee = "x"
                voice.providers.acme.url = "http://localhost:1"
                voice.stt.providers = [local]
                """));

        assertEquals(List.of("voice.limits.max-file-size", "voice.limts.max-text-chars", "voice.providers.cloudy.api-kee"),
                CoreSettingsReader.unknownKeys(sources.load()));
        assertEquals(List.of(), CoreSettingsReader.unknownKeys(new TestingConfigSources(dir.resolve("clean")).load()));
    }

    @Test
    void aPluginsReferenceConfMakesTheKeysOfItsSectionKnown() {
        TestingConfigSources sources = new TestingConfigSources(dir);
        sources.write("plugin/reference.conf", "voice.providers.cloudy {\n  # Key.\n  api-key = \"\"\n}\n");
        sources.extraFile(sources.write("typo.conf", "voice.providers.cloudy.api-kee = \"x\"\nvoice.providers.cloudy.api-key = \"y\"\n"));
        VoiceConfig config = sources.load();

        assertEquals(List.of(), CoreSettingsReader.unknownKeys(config), "a section no reference.conf declares is not judged");
        assertEquals(List.of("voice.providers.cloudy.api-kee"), CoreSettingsReader.unknownKeys(
                config.withPluginReferences(List.of(TestingConfigSources.isolatedLoader(dir.resolve("plugin"))))));
    }

    @Test
    void tellsWhetherAnyAgentFrameworkSettingWasGiven() {
        assertFalse(CoreSettingsReader.agentFrameworkSettingsPresent(new TestingConfigSources(dir).load()));
        assertTrue(CoreSettingsReader.agentFrameworkSettingsPresent(
                new TestingConfigSources(dir).env("VOICE_V2_LANGGRAPH_CACHE_SIZE", "300").load()));
        assertTrue(CoreSettingsReader.agentFrameworkSettingsPresent(
                new TestingConfigSources(dir).property("voice.langgraph.semantic-cache-enabled", "true").load()));
    }
}
