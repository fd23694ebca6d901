package io.voiceplatform.providers.deepgram;

import io.voiceplatform.providers.support.HttpUrls;

import io.voiceplatform.api.plugin.ProviderSettings;
import io.voiceplatform.api.plugin.Secret;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The section {@code voice.providers.deepgram}, read and checked once when the providers are created, so a
 * bad value stops start-up with its key named.
 *
 * @param sttModels the models a request may choose, the default first
 * @param ttsVoice  the Aura voice model spoken when a request names no voice
 */
record DeepgramSettings(Secret apiKey, URI baseUrl, List<String> sttModels, DeepgramVoice ttsVoice,
                        Duration timeout) {
    static final String DEFAULT_BASE_URL = "https://api.deepgram.com";
    static final List<String> DEFAULT_STT_MODELS = List.of("nova-2", "nova-3", "nova", "enhanced", "base");

    DeepgramSettings {
        sttModels = List.copyOf(sttModels);
    }

    static DeepgramSettings from(ProviderSettings settings) {
        Secret apiKey = settings.getSecret("api-key");
        URI baseUrl = HttpUrls.base(settings, "base-url", DEFAULT_BASE_URL);
        List<String> models = settings.get("stt-models").isPresent() ? settings.getList("stt-models") : DEFAULT_STT_MODELS;
        if (models.isEmpty()) {
            throw new IllegalArgumentException(settings.section() + ".stt-models is empty: name at least one model");
        }
        String voiceName = settings.getString("tts-voice", "aura-asteria-en");
        DeepgramVoice voice = DeepgramVoices.find(voiceName).orElseThrow(() -> new IllegalArgumentException(
                settings.section() + ".tts-voice = '" + voiceName + "' is not one of " + DeepgramVoices.modelIds()));
        Duration timeout = settings.getDuration("timeout", Duration.ofSeconds(30));
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException(settings.section() + ".timeout = '" + timeout + "' is not a positive duration");
        }
        return new DeepgramSettings(apiKey, baseUrl, models, voice, timeout);
    }

    String defaultSttModel() {
        return sttModels.get(0);
    }
}
