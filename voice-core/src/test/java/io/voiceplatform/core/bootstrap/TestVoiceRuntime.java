package io.voiceplatform.core.bootstrap;

import io.voiceplatform.api.plugin.HttpTransport;
import io.voiceplatform.core.config.ConfigSources;
import io.voiceplatform.core.config.InvalidConfigException;
import io.voiceplatform.core.config.VoiceConfig;
import io.voiceplatform.core.health.HealthReport;
import io.voiceplatform.core.pipeline.RequestCoalescer;
import io.voiceplatform.core.pipeline.RequestContext;
import io.voiceplatform.core.pipeline.Routing;
import io.voiceplatform.core.testing.TestingAudio;
import io.voiceplatform.core.testing.TestingPerformanceFactory;
import io.voiceplatform.core.testing.TestingPluginJar;
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
import static org.junit.jupiter.api.Assertions.assertNotSame;
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
        System.clearProperty(TestingPerformanceFactory.LOADED_MARK);
        TestingProvider fake = new TestingProvider("fake");
        try (VoiceRuntime runtime = startOnly(fake, Map.of())) {
            assertSame(RequestCoalescer.NONE, runtime.injector().getInstance(RequestCoalescer.class));
            assertInstanceOf(OkHttpTransport.class, runtime.injector().getInstance(HttpTransport.class));
            HealthReport report = runtime.health().report();
            assertEquals(false, report.performance().get("requested"));
            assertEquals(false, report.performance().get("installed"));
            assertEquals("off", report.performance().get("level"));
        }
        assertNull(System.getProperty(TestingPerformanceFactory.LOADED_MARK), "a class of the performance module was loaded");
    }

    @Test
    @SuppressWarnings("unchecked")
    void withTheToggleOnThePerformanceModuleOverridesItsStagesAndHealthSaysSo() {
        TestingProvider fake = new TestingProvider("fake");
        try (VoiceRuntime runtime = startOnly(fake, Map.of("VOICE_V2_PERFORMANCE_ENABLED", "yes"))) {
            assertNotSame(RequestCoalescer.NONE, runtime.injector().getInstance(RequestCoalescer.class));
            HealthReport report = runtime.health().report();
            assertEquals(true, report.performance().get("requested"));
            assertEquals(true, report.performance().get("installed"));
            assertEquals(TestingPerformanceFactory.LEVEL, report.performance().get("level"));
            Map<String, Map<String, Object>> stages = (Map<String, Map<String, Object>>) report.performance().get("stages");
            assertEquals("testing", stages.get("coalescing").get("binding"));
            assertEquals(false, stages.get("result-cache").get("active"), "a stage it does not override keeps the default");
        }
    }

    @Test
    void servesThroughTheProvidersAndClosesThemOnce() {
        TestingProvider fake = new TestingProvider("fake");
        VoiceRuntime runtime = startOnly(fake, Map.of());
        try (RequestContext context = runtime.pipeline().context("test", "tester")) {
            assertEquals("fake", runtime.pipeline()
                    .transcribe(TranscriptionRequest.of(TestingAudio.wavAudio()), Routing.auto(), context).join().provider());
        }
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

    @Test
    void aBuiltInProviderLoadsFromItsOwnDirectoryWithTheDefaultsAndAliasesOfItsReferenceConf() throws Exception {
        Path acme = java.nio.file.Files.createDirectories(workDir.resolve("providers/acme"));
        TestingPluginJar.of("acme").referenceConf("""
                voice.providers.acme {
                  # What the provider says before the audio's size.
                  greeting = "howdy"
                  greeting = ${?ACME_GREETING}
                }
                """).writeTo(acme.resolve("acme.jar"), workDir.resolve("build"));
        TestingProvider fake = new TestingProvider("fake");
        Path conf = java.nio.file.Files.writeString(workDir.resolve("acme.conf"),
                "voice.stt.providers = [acme]\nvoice.tts.providers = [fake]\n");

        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of("ACME_GREETING", "hello"))) {
            VoiceConfig config = VoiceConfig.load(new ConfigSources(env, Map.of(), workDir, Optional.of(conf), getClass().getClassLoader()));
            try (VoiceRuntime runtime = VoiceRuntime.start(config, List.of(TestingPlugins.of(fake)), List.of());
                 RequestContext context = runtime.pipeline().context("test", "tester")) {
                assertEquals("built-in, " + acme, runtime.registry().find("acme").orElseThrow().origin());
                String heard = runtime.pipeline().transcribe(TranscriptionRequest.of(TestingAudio.wavAudio()), Routing.auto(), context)
                        .get(10, java.util.concurrent.TimeUnit.SECONDS).text();
                assertTrue(heard.startsWith(env.getOrDefault("ACME_GREETING", "howdy") + " "), heard);
            }
        }
    }

    /** Starts with only the given provider in the chain: the working directory holds no built-in provider. */
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
