package io.voiceplatform.core.bootstrap;

import io.voiceplatform.api.plugin.HttpTransport;
import io.voiceplatform.core.config.ConfigSources;
import io.voiceplatform.core.config.InvalidConfigException;
import io.voiceplatform.core.config.VoiceConfig;
import io.voiceplatform.core.health.HealthReport;
import io.voiceplatform.core.pipeline.RequestCoalescer;
import io.voiceplatform.core.pipeline.RequestContext;
import io.voiceplatform.core.pipeline.Routing;
import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.core.registry.DiscoveredPlugin;
import io.voiceplatform.core.registry.PluginSource;
import io.voiceplatform.core.testing.CapturedLogs;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

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

    @Test
    void brokenPluginJarsAreSkippedWithOneErrorEachAndTheOtherProvidersServe() throws Exception {
        Path plugins = java.nio.file.Files.createDirectories(workDir.resolve("plugins"));
        java.nio.file.Files.writeString(plugins.resolve("corrupt.jar"), "not a zip");
        TestingPluginJar.of("acme").constructorThrows().writeTo(plugins.resolve("throwing.jar"), workDir.resolve("build"));
        TestingProvider fake = new TestingProvider("fake");
        try (CapturedLogs logs = new CapturedLogs();
             VoiceRuntime runtime = startOnly(fake, Map.of());
             RequestContext context = runtime.pipeline().context("test", "tester")) {
            assertEquals("fake", runtime.pipeline()
                    .transcribe(TranscriptionRequest.of(TestingAudio.wavAudio()), Routing.auto(), context).join().provider());
            List<String> errors = logs.errors();
            assertEquals(2, errors.size(), errors.toString());
            assertTrue(errors.get(0).startsWith("plugin " + plugins.resolve("corrupt.jar") + " skipped: "), errors.get(0));
            assertTrue(errors.get(1).startsWith("plugin " + plugins.resolve("throwing.jar") + " skipped: ")
                    && errors.get(1).contains("acme.licence"), errors.get(1));
        }
    }

    @Test
    void aPluginTheChainListsThatWasSkippedStopsStartUpSayingWhy() {
        ProviderPlugin broken = mock(ProviderPlugin.class);
        when(broken.id()).thenReturn("fake");
        when(broken.createStt(any())).thenThrow(new IllegalArgumentException("voice.providers.fake.timeout is not a duration"));
        PluginSource source = () -> List.of(new DiscoveredPlugin(broken, "/opt/voice/plugins/fake.jar", getClass().getClassLoader(), true));
        StartupException e = assertThrows(StartupException.class, () -> VoiceRuntime.start(configListing("fake", ""),
                List.of(source), List.of()));
        assertTrue(e.getMessage().startsWith("voice.stt.providers lists 'fake', but its plugin /opt/voice/plugins/fake.jar was skipped: ")
                && e.getMessage().contains("voice.providers.fake.timeout is not a duration"), e.getMessage());
    }

    @Test
    void closeReturnsWithinTheLimitWhenAProviderNeverFinishesClosing() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        TestingProvider hanging = spy(new TestingProvider("fake"));
        doAnswer(call -> {
            never.await();
            return null;
        }).when(hanging).close();
        VoiceRuntime runtime = VoiceRuntime.start(configListing("fake", "voice.lifecycle.provider-close-timeout = 200ms\n"),
                List.of(TestingPlugins.of(hanging)), List.of());
        try {
            long start = System.nanoTime();
            runtime.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // Generous: TTS and STT are waited for one after the other, on a machine that may be busy.
            assertTrue(took.compareTo(Duration.ofMillis(200).multipliedBy(10)) < 0, "close took " + took);
            verify(hanging).close();
        } finally {
            never.countDown();
        }
    }

    /** Starts with only the given provider in the chain: the working directory holds no built-in provider. */
    private VoiceRuntime startOnly(TestingProvider provider, Map<String, String> env) {
        VoiceConfig config = VoiceConfig.load(new ConfigSources(env, Map.of(), workDir, Optional.of(chainListing(provider.id(), "")),
                getClass().getClassLoader()));
        return VoiceRuntime.start(config, List.of(TestingPlugins.of(provider)), List.of());
    }

    private VoiceConfig configListing(String id, String moreSettings) {
        return VoiceConfig.load(new ConfigSources(Map.of(), Map.of(), workDir, Optional.of(chainListing(id, moreSettings)),
                getClass().getClassLoader()));
    }

    /** A configuration file whose STT and TTS chains list only {@code id}. */
    private Path chainListing(String id, String moreSettings) {
        try {
            return java.nio.file.Files.writeString(workDir.resolve("only.conf"), "voice.stt.providers = [\"" + id + "\"]\n"
                    + "voice.tts.providers = [\"" + id + "\"]\n" + moreSettings);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
