package io.voiceplatform.core.testing;

import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.api.plugin.ProviderSettings;
import io.voiceplatform.core.registry.DiscoveredPlugin;
import io.voiceplatform.core.registry.PluginSource;
import io.voiceplatform.core.registry.ProviderRegistry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/** Installs {@link TestingProvider}s as plugins, in-process. */
public final class TestingPlugins {
    private TestingPlugins() {
    }

    public static PluginSource of(TestingProvider... providers) {
        return () -> java.util.Arrays.stream(providers)
                .map(p -> new DiscoveredPlugin(plugin(p), "test", TestingPlugins.class.getClassLoader()))
                .toList();
    }

    public static ProviderPlugin plugin(TestingProvider provider) {
        return new ProviderPlugin() {
            @Override
            public String id() {
                return provider.id();
            }

            @Override
            public Optional<SttProvider> createStt(ProviderContext context) {
                return Optional.of(provider);
            }

            @Override
            public Optional<TtsProvider> createTts(ProviderContext context) {
                return Optional.of(provider);
            }
        };
    }

    public static ProviderRegistry registry(ScheduledExecutorService scheduler, TestingProvider... providers) {
        return ProviderRegistry.create(List.of(of(providers)),
                (id, loader) -> new ProviderSettings("voice.providers." + id, Map.of()), null, scheduler);
    }
}
