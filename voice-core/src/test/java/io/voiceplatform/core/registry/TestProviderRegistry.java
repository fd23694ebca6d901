package io.voiceplatform.core.registry;

import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.api.plugin.ProviderSettings;
import io.voiceplatform.core.testing.TestingPlugins;
import io.voiceplatform.core.testing.TestingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestProviderRegistry {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void twoDifferentPluginsWithOneIdStopStartUp() {
        PluginSource a = TestingPlugins.of(new TestingProvider("same"));
        ProviderPlugin impostor = () -> "same";
        PluginSource b = () -> List.of(new DiscoveredPlugin(impostor, "elsewhere", getClass().getClassLoader()));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ProviderRegistry.create(List.of(a, b),
                (id, loader) -> new ProviderSettings("voice.providers." + id, Map.of()), null, scheduler));
        assertTrue(e.getMessage().contains("'same'"), e.getMessage());
    }

    @Test
    void theSamePluginClassFoundTwiceCountsOnce() {
        TestingProvider provider = new TestingProvider("one");
        DiscoveredPlugin found = new DiscoveredPlugin(TestingPlugins.plugin(provider), "test", getClass().getClassLoader());
        ProviderRegistry registry = ProviderRegistry.create(List.of(() -> List.of(found), () -> List.of(found)),
                (id, loader) -> new ProviderSettings("voice.providers." + id, Map.of()), null, scheduler);
        assertEquals(List.of("one"), registry.sttIds());
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
    void findsBuiltInPluginsOnTheClassPath() {
        // voice-core ships no provider itself; the class path source must simply find none here.
        assertEquals(List.of(), new ClasspathPluginSource(getClass().getClassLoader()).discover());
    }
}
