package io.voiceplatform.core.testing;

import io.voiceplatform.api.SpeechProvider;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.api.plugin.ProviderSettings;
import io.voiceplatform.core.registry.DiscoveredPlugin;
import io.voiceplatform.core.registry.PluginSource;
import io.voiceplatform.core.registry.ProviderRegistry;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/** Installs providers ({@link TestingProvider}s, or any STT or TTS provider) as plugins, in-process. */
public final class TestingPlugins {
    private TestingPlugins() {
    }

    public static PluginSource of(SpeechProvider... providers) {
        return () -> java.util.Arrays.stream(providers)
                .map(p -> new DiscoveredPlugin(plugin(p), "test", TestingPlugins.class.getClassLoader(), true))
                .toList();
    }

    public static ProviderPlugin plugin(SpeechProvider provider) {
        return new ProviderPlugin() {
            @Override
            public String id() {
                return provider.id();
            }

            @Override
            public Optional<SttProvider> createStt(ProviderContext context) {
                return provider instanceof SttProvider stt ? Optional.of(stt) : Optional.empty();
            }

            @Override
            public Optional<TtsProvider> createTts(ProviderContext context) {
                return provider instanceof TtsProvider tts ? Optional.of(tts) : Optional.empty();
            }
        };
    }

    public static ProviderRegistry registry(ScheduledExecutorService scheduler, SpeechProvider... providers) {
        return ProviderRegistry.create(of(providers).discover(),
                id -> new ProviderSettings("voice.providers." + id, Map.of()), null, scheduler, Duration.ofSeconds(5));
    }
}
