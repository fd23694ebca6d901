package io.voiceplatform.providers.openai;

import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.providers.support.Credential;
import io.voiceplatform.providers.support.ProviderHttp;

import java.util.Optional;

/**
 * OpenAI's audio API, or any server that speaks it ({@code base-url}). Off until
 * {@code voice.providers.openai.enabled = true}; creating it makes no network call.
 */
public final class OpenAiPlugin implements ProviderPlugin {
    static final String ID = "openai";
    private static final String OPENAI_HOST = "api.openai.com";
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

    /**
     * {@code Authorization: Bearer <key>} on every call, and OpenAI's error object read into failures. OpenAI's own
     * API needs the key; another server that speaks the API (a self-hosted one) may need none, and gets none.
     */
    private static ProviderHttp http(OpenAiSettings settings, ProviderContext context) {
        ProviderHttp.Builder http = ProviderHttp.builder(ID, context).timeout(settings.timeout()).errors(new OpenAiErrorReader());
        if (settings.apiKey().isPresent() || OPENAI_HOST.equalsIgnoreCase(settings.baseUrl().getHost())) {
            http.credentialHeader("Authorization", "Bearer ", settings.apiKey(), NO_KEY);
        } else {
            http.credential(Credential.none());
        }
        return http.build();
    }

    /** The settings, read and checked, when the plugin is enabled. */
    private static Optional<OpenAiSettings> settings(ProviderContext context) {
        return context.settings().getBoolean("enabled", false) ? Optional.of(OpenAiSettings.from(context.settings())) : Optional.empty();
    }
}
