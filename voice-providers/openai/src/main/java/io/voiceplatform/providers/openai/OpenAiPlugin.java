package io.voiceplatform.providers.openai;

import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;

import java.util.Optional;

/**
 * OpenAI's audio API, or any server that speaks it ({@code base-url}). Off until
 * {@code voice.providers.openai.enabled = true}; creating it makes no network call.
 */
public final class OpenAiPlugin implements ProviderPlugin {
    static final String ID = "openai";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<SttProvider> createStt(ProviderContext context) {
        if (!context.settings().getBoolean("enabled", false)) {
            return Optional.empty();
        }
        OpenAiSettings settings = OpenAiSettings.from(context.settings());
        return Optional.of(new OpenAiSttProvider(new OpenAiClient(settings, context.transport(), context.scheduler()), settings));
    }

    @Override
    public Optional<TtsProvider> createTts(ProviderContext context) {
        if (!context.settings().getBoolean("enabled", false)) {
            return Optional.empty();
        }
        OpenAiSettings settings = OpenAiSettings.from(context.settings());
        return Optional.of(new OpenAiTtsProvider(new OpenAiClient(settings, context.transport(), context.scheduler()), settings));
    }
}
