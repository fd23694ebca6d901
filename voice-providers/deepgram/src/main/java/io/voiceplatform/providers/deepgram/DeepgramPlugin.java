package io.voiceplatform.providers.deepgram;

import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.providers.support.ProviderHttp;

import java.util.Optional;

/** Deepgram: pre-recorded transcription ({@code POST /v1/listen}) and Aura synthesis ({@code POST /v1/speak}). */
public final class DeepgramPlugin implements ProviderPlugin {
    static final String ID = "deepgram";
    private static final String NO_KEY = "no API key configured (voice.providers.deepgram.api-key or DEEPGRAM_API_KEY)";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<SttProvider> createStt(ProviderContext context) {
        return settings(context).map(settings -> new DeepgramSttProvider(settings, http(settings, context)));
    }

    @Override
    public Optional<TtsProvider> createTts(ProviderContext context) {
        return settings(context).map(settings -> new DeepgramTtsProvider(settings, http(settings, context)));
    }

    /** {@code Authorization: Token <key>} on every call, and Deepgram's error bodies read into failures. */
    private static ProviderHttp http(DeepgramSettings settings, ProviderContext context) {
        return ProviderHttp.builder(ID, context).timeout(settings.timeout())
                .credentialHeader("Authorization", "Token ", settings.apiKey(), NO_KEY)
                .errors(new DeepgramErrorReader())
                .build();
    }

    /** The settings, read and checked, when the plugin is enabled. */
    private static Optional<DeepgramSettings> settings(ProviderContext context) {
        return context.settings().getBoolean("enabled", false) ? Optional.of(DeepgramSettings.from(context.settings())) : Optional.empty();
    }
}
