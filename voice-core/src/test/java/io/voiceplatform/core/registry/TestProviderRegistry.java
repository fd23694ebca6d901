package io.voiceplatform.core.registry;

import io.voiceplatform.api.plugin.ProviderSettings;
import io.voiceplatform.core.testing.TestingPlugins;
import io.voiceplatform.core.testing.TestingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestProviderRegistry {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
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
    void aPluginRejectingItsSettingsStopsStartUpNamingItAndClosesWhatWasCreated() {
        TestingProvider created = new TestingProvider("first");
        TestingProvider refusing = new TestingProvider("second");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProviderRegistry.create(
                TestingPlugins.of(created, refusing).discover(), id -> {
                    if (id.equals("second")) {
                        throw new IllegalArgumentException("voice.providers.second.timeout is not a duration");
                    }
                    return new ProviderSettings("voice.providers." + id, Map.of());
                }, null, scheduler));
        assertTrue(e.getMessage().startsWith("voice.providers.second.timeout"), e.getMessage());
        assertTrue(created.closed(), "the provider created before the failure is closed");
        assertFalse(refusing.closed());
    }
}
