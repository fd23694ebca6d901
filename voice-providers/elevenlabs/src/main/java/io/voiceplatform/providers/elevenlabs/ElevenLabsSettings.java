package io.voiceplatform.providers.elevenlabs;

import io.voiceplatform.providers.support.HttpUrls;

import io.voiceplatform.api.plugin.ProviderSettings;
import io.voiceplatform.api.plugin.Secret;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The section {@code voice.providers.elevenlabs}, read and checked once when the providers are created, so
 * a bad value stops start-up with its key named.
 *
 * @param sttModels    the speech-to-text models a request may choose, the default first
 * @param ttsModels    the text-to-speech models a request may choose, the default first
 * @param voices       the voice names and ids a request may use
 * @param defaultVoice the voice id spoken when a request names none
 * @param streaming    whether synthesis calls the {@code /stream} endpoint
 */
record ElevenLabsSettings(Secret apiKey, URI baseUrl, List<String> sttModels, List<String> ttsModels,
                          ElevenLabsVoices voices, String defaultVoice, boolean streaming, Duration timeout) {
    static final String DEFAULT_BASE_URL = "https://api.elevenlabs.io";
    static final List<String> DEFAULT_STT_MODELS = List.of("scribe_v1", "scribe_v2");
    static final List<String> DEFAULT_TTS_MODELS = List.of("eleven_multilingual_v2", "eleven_turbo_v2_5", "eleven_flash_v2_5");
    /** The voices of the reference's examples, and OpenAI's voice names mapped to them by character. */
    static final List<String> DEFAULT_VOICES = List.of("george=JBFqnCBsd6RMkjVDRZzb", "rachel=21m00Tcm4TlvDq8ikWAM",
            "alloy=21m00Tcm4TlvDq8ikWAM", "nova=21m00Tcm4TlvDq8ikWAM", "shimmer=21m00Tcm4TlvDq8ikWAM",
            "echo=JBFqnCBsd6RMkjVDRZzb", "fable=JBFqnCBsd6RMkjVDRZzb", "onyx=JBFqnCBsd6RMkjVDRZzb");

    ElevenLabsSettings {
        sttModels = List.copyOf(sttModels);
        ttsModels = List.copyOf(ttsModels);
    }

    static ElevenLabsSettings from(ProviderSettings settings) {
        Secret apiKey = settings.getSecret("api-key");
        ElevenLabsVoices voices = ElevenLabsVoices.parse(settings.section() + ".voices",
                settings.get("voices").isPresent() ? settings.getList("voices") : DEFAULT_VOICES);
        String voiceName = settings.getString("tts-voice", "george");
        String defaultVoice = voices.idOf(voiceName).orElseThrow(() -> new IllegalArgumentException(settings.section()
                + ".tts-voice = '" + voiceName + "' is neither a voice id nor one of the names in voices " + voices.names()));
        Duration timeout = settings.getDuration("timeout", Duration.ofSeconds(60));
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException(settings.section() + ".timeout = '" + timeout + "' is not a positive duration");
        }
        return new ElevenLabsSettings(apiKey, HttpUrls.base(settings, "base-url", DEFAULT_BASE_URL),
                models(settings, "stt-models", DEFAULT_STT_MODELS), models(settings, "tts-models", DEFAULT_TTS_MODELS), voices, defaultVoice,
                settings.getBoolean("streaming", false), timeout);
    }

    private static List<String> models(ProviderSettings settings, String key, List<String> defaults) {
        List<String> models = settings.get(key).isPresent() ? settings.getList(key) : defaults;
        if (models.isEmpty()) {
            throw new IllegalArgumentException(settings.section() + "." + key + " is empty: name at least one model");
        }
        return models;
    }
}
