package io.voiceplatform.providers.elevenlabs;

import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;

import java.util.Optional;

/** ElevenLabs: Scribe transcription ({@code POST /v1/speech-to-text}) and synthesis ({@code POST /v1/text-to-speech/{voice_id}}). */
public final class ElevenLabsPlugin implements ProviderPlugin {
    static final String ID = "elevenlabs";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<SttProvider> createStt(ProviderContext context) {
        return enabled(context) ? Optional.of(new ElevenLabsSttProvider(ElevenLabsSettings.from(context.settings()), context))
                : Optional.empty();
    }

    @Override
    public Optional<TtsProvider> createTts(ProviderContext context) {
        return enabled(context) ? Optional.of(new ElevenLabsTtsProvider(ElevenLabsSettings.from(context.settings()), context))
                : Optional.empty();
    }

    private static boolean enabled(ProviderContext context) {
        return context.settings().getBoolean("enabled", false);
    }
}
