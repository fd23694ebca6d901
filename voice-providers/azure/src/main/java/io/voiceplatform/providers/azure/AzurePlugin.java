package io.voiceplatform.providers.azure;

import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.providers.support.ProviderHttp;

import java.util.Optional;

/** Azure AI Speech: REST recognition of short audio and REST synthesis from SSML. */
public final class AzurePlugin implements ProviderPlugin {
    static final String ID = "azure";
    private static final String NO_KEY = "no API key configured (voice.providers.azure.api-key or AZURE_SPEECH_KEY)";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<SttProvider> createStt(ProviderContext context) {
        return settings(context).map(settings -> new AzureSttProvider(settings, http(settings, context)));
    }

    @Override
    public Optional<TtsProvider> createTts(ProviderContext context) {
        return settings(context).map(settings -> new AzureTtsProvider(settings, http(settings, context)));
    }

    /**
     * The {@code Ocp-Apim-Subscription-Key} header on every call. Azure documents no error body for these
     * endpoints (often there is none), so a failure quotes whatever text came.
     */
    private static ProviderHttp http(AzureSettings settings, ProviderContext context) {
        return ProviderHttp.builder(ID, context).timeout(settings.timeout())
                .credentialHeader("Ocp-Apim-Subscription-Key", "", settings.apiKey(), NO_KEY)
                .build();
    }

    /** The settings, read and checked, when the plugin is enabled. */
    private static Optional<AzureSettings> settings(ProviderContext context) {
        return context.settings().getBoolean("enabled", false) ? Optional.of(AzureSettings.from(context.settings())) : Optional.empty();
    }
}
