package io.voiceplatform.core.registry;

import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.api.plugin.ProviderSettings;
import io.voiceplatform.core.testing.CapturedLogs;
import io.voiceplatform.core.testing.TestingPlugins;
import io.voiceplatform.core.testing.TestingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.FileNotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

@Timeout(60)
class TestProviderRegistry {
    private static final Duration CLOSE_LIMIT = Duration.ofMillis(200);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void stop() {
        never.countDown();
        scheduler.shutdownNow();
    }

    @Test
    void closesEveryProviderOnceEvenWhenOneObjectServesBothOperations() {
        TestingProvider provider = new TestingProvider("both");
        ProviderRegistry registry = TestingPlugins.registry(scheduler, provider);
        registry.closeTts();
        assertTrue(provider.closed());
        registry.closeStt();
        registry.close();
    }

    @Test
    void settingsThatCannotBeReadStopStartUpNamingTheKeyAndCloseWhatWasCreated() {
        TestingProvider created = new TestingProvider("first");
        TestingProvider refusing = new TestingProvider("second");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProviderRegistry.create(
                TestingPlugins.of(created, refusing).discover(), id -> {
                    if (id.equals("second")) {
                        throw new IllegalArgumentException("voice.providers.second.timeout is not a duration");
                    }
                    return new ProviderSettings("voice.providers." + id, Map.of());
                }, null, scheduler, CLOSE_LIMIT));
        assertTrue(e.getMessage().startsWith("voice.providers.second.timeout"), e.getMessage());
        assertTrue(created.closed(), "the provider created before the failure is closed");
        assertFalse(refusing.closed());
    }

    @Test
    void aPluginWhoseCreateMethodThrowsIsSkippedWithOneErrorAndItsCreatedProviderClosed() {
        SttProvider createdFirst = mock(SttProvider.class);
        ProviderPlugin broken = mock(ProviderPlugin.class);
        when(broken.id()).thenReturn("broken");
        when(broken.createStt(any())).thenReturn(Optional.of(createdFirst));
        when(broken.createTts(any())).thenThrow(new IllegalStateException("voice pack missing",
                new FileNotFoundException("voices.bin")));
        TestingProvider healthy = new TestingProvider("healthy");
        List<DiscoveredPlugin> plugins = List.of(new DiscoveredPlugin(broken, "/opt/voice/plugins/broken.jar", getClass().getClassLoader(), true),
                TestingPlugins.of(healthy).discover().get(0));

        try (CapturedLogs logs = new CapturedLogs()) {
            ProviderRegistry registry = ProviderRegistry.create(plugins,
                    id -> new ProviderSettings("voice.providers." + id, Map.of()), null, scheduler, CLOSE_LIMIT);
            assertEquals(List.of("healthy"), registry.sttIds());
            assertEquals(List.of("healthy"), registry.ttsIds());
            verify(createdFirst).close();
            assertEquals(List.of("plugin /opt/voice/plugins/broken.jar skipped: provider 'broken' could not create its TTS"
                    + " provider: java.lang.IllegalStateException: voice pack missing"
                    + " (root cause: java.io.FileNotFoundException: voices.bin)"), logs.errors());
            assertEquals("/opt/voice/plugins/broken.jar", registry.skipped().get("broken").origin());
            registry.close();
        }
    }

    @Test
    void aProviderWhoseCloseNeverReturnsIsAbandonedWithOneWarningAndTheOthersClose() throws Exception {
        TtsProvider hanging = mock(TtsProvider.class);
        when(hanging.id()).thenReturn("hanging");
        doAnswer(call -> {
            never.await();
            return null;
        }).when(hanging).close();
        TestingProvider other = new TestingProvider("other");
        ProviderRegistry registry = ProviderRegistry.create(TestingPlugins.of(hanging, other).discover(),
                id -> new ProviderSettings("voice.providers." + id, Map.of()), null, scheduler, CLOSE_LIMIT);

        try (CapturedLogs logs = new CapturedLogs()) {
            long start = System.nanoTime();
            registry.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(CLOSE_LIMIT.multipliedBy(10)) < 0, "close took " + took);
            verify(hanging).close();
            assertTrue(other.closed());
            assertEquals(List.of("provider hanging did not close within 200 ms; shutdown goes on without it"), logs.warnings());
        }
        Thread abandoned = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("voice-close-hanging")).findFirst().orElseThrow();
        assertTrue(abandoned.isDaemon(), "an abandoned close must not keep the JVM from exiting");
    }
}
