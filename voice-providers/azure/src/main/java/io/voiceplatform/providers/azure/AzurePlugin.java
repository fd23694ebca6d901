package io.voiceplatform.providers.azure;

import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;

import java.util.Optional;

/** Azure AI Speech: REST recognition of short audio and REST synthesis from SSML. */
public final class AzurePlugin implements ProviderPlugin {
    static final String ID = "azure";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<SttProvider> createStt(ProviderContext context) {
        return enabled(context) ? Optional.of(new AzureSttProvider(AzureSettings.from(context.settings()), context))
                : Optional.empty();
    }

    @Override
    public Optional<TtsProvider> createTts(ProviderContext context) {
        return enabled(context) ? Optional.of(new AzureTtsProvider(AzureSettings.from(context.settings()), context))
                : Optional.empty();
    }

    private static boolean enabled(ProviderContext context) {
        return context.settings().getBoolean("enabled", false);
    }
}
