package io.voiceplatform.api.plugin;

import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TtsProvider;

import java.util.Optional;

/**
 * The entry point of a provider plugin, found with {@link java.util.ServiceLoader}: list the implementing
 * class in {@code META-INF/services/io.voiceplatform.api.plugin.ProviderPlugin}. One plugin may offer STT,
 * TTS or both. Creating a provider must not reach the network; only calls do.
 */
public interface ProviderPlugin {
    /** The provider id; also the name of its configuration section {@code voice.providers.<id>}. */
    String id();

    /** The STT provider, or empty when this plugin offers none or it is disabled by its settings. */
    default Optional<SttProvider> createStt(ProviderContext context) {
        return Optional.empty();
    }

    /** The TTS provider, or empty when this plugin offers none or it is disabled by its settings. */
    default Optional<TtsProvider> createTts(ProviderContext context) {
        return Optional.empty();
    }
}
