package io.voiceplatform.providers.local;

import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;

import java.util.Optional;

/**
 * The embedded, offline default provider: Sphinx4 for STT and FreeTTS for TTS, pure JVM, no network.
 * Settings: {@code voice.providers.local.{enabled, grammar, voice}}.
 */
public final class LocalProviderPlugin implements ProviderPlugin {
    static final String ID = "local";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<SttProvider> createStt(ProviderContext context) {
        if (!context.settings().getBoolean("enabled", true)) {
            return Optional.empty();
        }
        return Optional.of(new LocalSttProvider(context.settings().getString("grammar", "")));
    }

    @Override
    public Optional<TtsProvider> createTts(ProviderContext context) {
        if (!context.settings().getBoolean("enabled", true)) {
            return Optional.empty();
        }
        return Optional.of(new LocalTtsProvider(context.settings().getString("voice", "kevin16")));
    }
}
