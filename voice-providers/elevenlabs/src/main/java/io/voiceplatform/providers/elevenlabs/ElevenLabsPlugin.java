package io.voiceplatform.providers.elevenlabs;

import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.providers.support.ProviderHttp;

import java.util.Optional;

/** ElevenLabs: Scribe transcription ({@code POST /v1/speech-to-text}) and synthesis ({@code POST /v1/text-to-speech/{voice_id}}). */
public final class ElevenLabsPlugin implements ProviderPlugin {
    static final String ID = "elevenlabs";
    private static final String NO_KEY = "no API key configured (voice.providers.elevenlabs.api-key or ELEVENLABS_API_KEY)";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<SttProvider> createStt(ProviderContext context) {
        return settings(context).map(settings -> new ElevenLabsSttProvider(settings, http(settings, context)));
    }

    @Override
    public Optional<TtsProvider> createTts(ProviderContext context) {
        return settings(context).map(settings -> new ElevenLabsTtsProvider(settings, http(settings, context)));
    }

    /** The {@code xi-api-key} header on every call, and ElevenLabs' error bodies read into failures. */
    private static ProviderHttp http(ElevenLabsSettings settings, ProviderContext context) {
        return ProviderHttp.builder(ID, context).timeout(settings.timeout())
                .credentialHeader("xi-api-key", "", settings.apiKey(), NO_KEY)
                .errors(new ElevenLabsErrorReader())
                .build();
    }

    /** The settings, read and checked, when the plugin is enabled. */
    private static Optional<ElevenLabsSettings> settings(ProviderContext context) {
        return context.settings().getBoolean("enabled", false) ? Optional.of(ElevenLabsSettings.from(context.settings())) : Optional.empty();
    }
}
