package com.example.voice.echo;

import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;

import java.util.Optional;

/**
 * The entry point, listed in META-INF/services/io.voiceplatform.api.plugin.ProviderPlugin. Its settings are
 * the section voice.providers.echo; "enabled" defaults to true here.
 */
public final class EchoPlugin implements ProviderPlugin {
    static final String ID = "echo";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<SttProvider> createStt(ProviderContext context) {
        return context.settings().getBoolean("enabled", true) ? Optional.of(new EchoStt()) : Optional.empty();
    }

    @Override
    public Optional<TtsProvider> createTts(ProviderContext context) {
        if (!context.settings().getBoolean("enabled", true)) {
            return Optional.empty();
        }
        return Optional.of(new EchoTts(context.settings().getInt("tone-hz", 440)));
    }
}
