package io.voiceplatform.providers.google;

import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;

import java.util.Optional;

/**
 * Google Cloud: Speech-to-Text v1 synchronous recognition ({@code POST /v1/speech:recognize}) and
 * Text-to-Speech v1 ({@code POST /v1/text:synthesize}), with an API key or a service-account key file.
 */
public final class GooglePlugin implements ProviderPlugin {
    static final String ID = "google";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<SttProvider> createStt(ProviderContext context) {
        return enabled(context) ? Optional.of(new GoogleSttProvider(GoogleSettings.from(context.settings()), context))
                : Optional.empty();
    }

    @Override
    public Optional<TtsProvider> createTts(ProviderContext context) {
        return enabled(context) ? Optional.of(new GoogleTtsProvider(GoogleSettings.from(context.settings()), context))
                : Optional.empty();
    }

    private static boolean enabled(ProviderContext context) {
        return context.settings().getBoolean("enabled", false);
    }
}
