package io.voiceplatform.core.registry;

import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TtsProvider;

import java.util.Optional;

/**
 * A plugin's providers as they were created from its settings.
 *
 * @param id     the provider id
 * @param origin the plugin's jar or directory, after {@code built-in, } for a built-in provider
 * @param stt    its STT provider, when it offers one and it is enabled
 * @param tts    its TTS provider, when it offers one and it is enabled
 * @param unlistedInChain whether it joins the default chain without being listed ({@link DiscoveredPlugin})
 */
public record RegisteredProvider(String id, String origin, Optional<SttProvider> stt, Optional<TtsProvider> tts,
                                 boolean unlistedInChain) {
}
