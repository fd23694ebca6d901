package io.voiceplatform.providers.openai;

import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.providers.support.ProviderHttp;

import java.util.Optional;

/**
 * OpenAI's audio API, or any server that speaks it ({@code base-url}). Off until
 * {@code voice.providers.openai.enabled = true}; creating it makes no network call.
 */
public final class OpenAiPlugin implements ProviderPlugin {
    static final String ID = "openai";
    private static final String NO_KEY = "no API key configured (voice.providers.openai.api-key or OPENAI_API_KEY)";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<SttProvider> createStt(ProviderContext context) {
        return settings(context).map(settings -> new OpenAiSttProvider(settings, http(settings, context)));
    }

    @Override
    public Optional<TtsProvider> createTts(ProviderContext context) {
        return settings(context).map(settings -> new OpenAiTtsProvider(settings, http(settings, context)));
    }

    /** {@code Authorization: Bearer <key>} on every call, and OpenAI's error object read into failures. */
    private static ProviderHttp http(OpenAiSettings settings, ProviderContext context) {
        return ProviderHttp.builder(ID, context).timeout(settings.timeout())
                .credentialHeader("Authorization", "Bearer ", settings.apiKey(), NO_KEY)
                .errors(new OpenAiErrorReader())
                .build();
    }

    /** The settings, read and checked, when the plugin is enabled. */
    private static Optional<OpenAiSettings> settings(ProviderContext context) {
        return context.settings().getBoolean("enabled", false) ? Optional.of(OpenAiSettings.from(context.settings())) : Optional.empty();
    }
}
