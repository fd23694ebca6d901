package io.voiceplatform.benchmarks;

import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.core.bootstrap.VoiceRuntime;
import io.voiceplatform.core.config.ConfigSources;
import io.voiceplatform.core.config.VoiceConfig;
import io.voiceplatform.core.registry.DiscoveredPlugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The platform as the service runs it (the same injector, pipeline and, when the settings ask, the performance
 * module found by ServiceLoader), with in-memory providers installed in-process and settings given as -D options.
 */
final class BenchmarkRuntime {
    private BenchmarkRuntime() {
    }

    static VoiceRuntime start(Map<String, String> settings, ProviderPlugin... plugins) {
        VoiceConfig config = VoiceConfig.load(new ConfigSources(Map.of(), settings, Path.of("").toAbsolutePath(),
                Optional.empty(), BenchmarkRuntime.class.getClassLoader()));
        List<DiscoveredPlugin> found = java.util.Arrays.stream(plugins)
                .map(plugin -> new DiscoveredPlugin(plugin, "benchmark", BenchmarkRuntime.class.getClassLoader(), true)).toList();
        return VoiceRuntime.start(config, List.of(() -> found), List.of());
    }

    /** A plugin that offers {@code stt} and, when not null, {@code tts}. */
    static ProviderPlugin plugin(String id, SttProvider stt, TtsProvider tts) {
        return new ProviderPlugin() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Optional<SttProvider> createStt(ProviderContext context) {
                return Optional.ofNullable(stt);
            }

            @Override
            public Optional<TtsProvider> createTts(ProviderContext context) {
                return Optional.ofNullable(tts);
            }
        };
    }
}
