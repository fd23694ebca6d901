package io.voiceplatform.providers.openai;

import io.voiceplatform.api.plugin.ProviderSettings;
import io.voiceplatform.api.plugin.Secret;

import java.net.URI;
import java.time.Duration;

/**
 * {@code voice.providers.openai.*}.
 *
 * @param apiKey   sent as {@code Authorization: Bearer}
 * @param baseUrl  the API root, e.g. {@code https://api.openai.com/v1}, or any OpenAI-compatible server
 * @param sttModel model for transcriptions
 * @param ttsModel model for speech
 * @param voice    voice used when a request names none
 * @param timeout  limit of one HTTP exchange
 */
record OpenAiSettings(Secret apiKey, URI baseUrl, String sttModel, String ttsModel, String voice, Duration timeout) {
    static OpenAiSettings from(ProviderSettings s) {
        String base = s.getString("base-url", "https://api.openai.com/v1").replaceAll("/+$", "");
        URI uri;
        try {
            uri = URI.create(base + "/");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(s.section() + ".base-url = '" + base + "' is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException(s.section() + ".base-url = '" + base + "' is not an http(s) URL");
        }
        return new OpenAiSettings(s.getSecret("api-key"), uri, s.getString("stt-model", "whisper-1"),
                s.getString("tts-model", "tts-1"), s.getString("voice", "alloy"), s.getDuration("timeout", Duration.ofSeconds(60)));
    }

    URI endpoint(String path) {
        return baseUrl.resolve(path);
    }
}
