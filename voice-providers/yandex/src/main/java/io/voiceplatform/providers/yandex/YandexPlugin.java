package io.voiceplatform.providers.yandex;

import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.providers.support.ProviderHttp;

import java.util.Optional;

/**
 * Yandex SpeechKit, API v1: synchronous recognition ({@code POST /speech/v1/stt:recognize}) and synthesis
 * ({@code POST /speech/v1/tts:synthesize}).
 */
public final class YandexPlugin implements ProviderPlugin {
    static final String ID = "yandex";
    private static final String NO_CREDENTIALS = "no credentials configured (voice.providers.yandex.api-key or YANDEX_API_KEY;"
            + " or iam-token or YANDEX_IAM_TOKEN with folder-id)";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<SttProvider> createStt(ProviderContext context) {
        return settings(context).map(settings -> new YandexSttProvider(settings, http(settings, context)));
    }

    @Override
    public Optional<TtsProvider> createTts(ProviderContext context) {
        return settings(context).map(settings -> new YandexTtsProvider(settings, http(settings, context)));
    }

    /**
     * {@code Authorization: Api-Key <key>}, or {@code Bearer <IAM token>} without a key
     * (https://yandex.cloud/en/docs/speechkit/concepts/auth), and SpeechKit's error bodies read into failures.
     */
    private static ProviderHttp http(YandexSettings settings, ProviderContext context) {
        return ProviderHttp.builder(ID, context).timeout(settings.timeout())
                .credentialHeader("Authorization", settings.apiKey().isPresent() ? "Api-Key " : "Bearer ", settings.credential(), NO_CREDENTIALS)
                .errors(new YandexErrorReader())
                .build();
    }

    /** The settings, read and checked, when the plugin is enabled. */
    private static Optional<YandexSettings> settings(ProviderContext context) {
        return context.settings().getBoolean("enabled", false) ? Optional.of(YandexSettings.from(context.settings())) : Optional.empty();
    }
}
