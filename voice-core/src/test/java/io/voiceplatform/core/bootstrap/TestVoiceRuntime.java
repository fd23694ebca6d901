package io.voiceplatform.core.bootstrap;

import io.voiceplatform.api.performance.PerformanceExtension;
import io.voiceplatform.api.plugin.HttpTransport;
import io.voiceplatform.core.config.ConfigSources;
import io.voiceplatform.core.config.InvalidConfigException;
import io.voiceplatform.core.config.VoiceConfig;
import io.voiceplatform.core.health.HealthReport;
import io.voiceplatform.core.orchestration.Routing;
import io.voiceplatform.core.testing.TestingAudio;
import io.voiceplatform.core.testing.TestingPerformanceModule;
import io.voiceplatform.core.testing.TestingPlugins;
import io.voiceplatform.core.testing.TestingProvider;
import io.voiceplatform.core.transport.OkHttpTransport;
import io.voiceplatform.api.TranscriptionRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class TestVoiceRuntime {
    @TempDir
    Path workDir;

    @Test
    void withTheToggleOffThePerformanceModuleIsNotEvenLoaded() {
        System.clearProperty(TestingPerformanceModule.LOADED_MARK);
        TestingProvider fake = new TestingProvider("fake");
        try (VoiceRuntime runtime = startOnly(fake, Map.of())) {
            assertSame(PerformanceExtension.NONE, runtime.injector().getInstance(PerformanceExtension.class));
            assertInstanceOf(OkHttpTransport.class, runtime.injector().getInstance(HttpTransport.class));
            HealthReport report = runtime.health().report();
            assertEquals(false, report.performance().get("requested"));
            assertEquals(false, report.performance().get("installed"));
        }
        assertNull(System.getProperty(TestingPerformanceModule.LOADED_MARK), "a class of the performance module was loaded");
    }

    @Test
    void withTheToggleOnThePerformanceModuleSetsTheExtension() {
        TestingProvider fake = new TestingProvider("fake");
        try (VoiceRuntime runtime = startOnly(fake, Map.of("VOICE_V2_PERFORMANCE_ENABLED", "yes"))) {
            assertSame(TestingPerformanceModule.EXTENSION, runtime.injector().getInstance(PerformanceExtension.class));
            HealthReport report = runtime.health().report();
            assertEquals(true, report.performance().get("requested"));
            assertEquals(true, report.performance().get("installed"));
            assertEquals(true, report.performance().get("enabled"));
        }
    }

    @Test
    void servesThroughTheProvidersAndClosesThemOnce() {
        TestingProvider fake = new TestingProvider("fake");
        VoiceRuntime runtime = startOnly(fake, Map.of());
        assertEquals("fake", runtime.orchestrator()
                .transcribe(TranscriptionRequest.of(TestingAudio.wavAudio()), Routing.auto()).toCompletableFuture().join().provider());
        runtime.close();
        runtime.close();
        assertTrue(fake.closed());
    }

    @Test
    void aConfiguredProviderThatDoesNotExistStopsStartUpWithOneLine() {
        TestingProvider fake = new TestingProvider("fake");
        StartupException e = assertThrows(StartupException.class,
                () -> startOnly(fake, Map.of("VOICE_DEFAULT_STT_PROVIDER", "nosuch")));
        assertTrue(e.getMessage().contains("'nosuch'") && e.getMessage().contains("enabled: fake"), e.getMessage());
        assertTrue(fake.closed(), "what started before the failure is stopped");
    }

    @Test
    void anInvalidSettingStopsStartUpNamingTheKey() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> startOnly(new TestingProvider("fake"), Map.of("VOICE_MAX_FILE_SIZE_MB", "lots")));
        assertTrue(e.getMessage().contains("VOICE_MAX_FILE_SIZE_MB"), e.getMessage());
    }

    /** Starts with only the given provider in the chain: the class path has no built-in provider in core's tests. */
    private VoiceRuntime startOnly(TestingProvider provider, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(extraEnv);
        Path conf = workDir.resolve("only.conf");
        try {
            java.nio.file.Files.writeString(conf, "voice.stt.providers = [\"" + provider.id() + "\"]\n"
                    + "voice.tts.providers = [\"" + provider.id() + "\"]\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        VoiceConfig config = VoiceConfig.load(new ConfigSources(env, Map.of(), workDir, Optional.of(conf), getClass().getClassLoader()));
        return VoiceRuntime.start(config, List.of(TestingPlugins.of(provider)), List.of());
    }
}
