package io.voiceplatform.providers.deepgram;

import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;

import java.util.Optional;

/** Deepgram: pre-recorded transcription ({@code POST /v1/listen}) and Aura synthesis ({@code POST /v1/speak}). */
public final class DeepgramPlugin implements ProviderPlugin {
    static final String ID = "deepgram";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<SttProvider> createStt(ProviderContext context) {
        return enabled(context) ? Optional.of(new DeepgramSttProvider(DeepgramSettings.from(context.settings()), context))
                : Optional.empty();
    }

    @Override
    public Optional<TtsProvider> createTts(ProviderContext context) {
        return enabled(context) ? Optional.of(new DeepgramTtsProvider(DeepgramSettings.from(context.settings()), context))
                : Optional.empty();
    }

    private static boolean enabled(ProviderContext context) {
        return context.settings().getBoolean("enabled", false);
    }
}
