package io.voiceplatform.providers.yandex;

import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;

import java.util.Optional;

/**
 * Yandex SpeechKit, API v1: synchronous recognition ({@code POST /speech/v1/stt:recognize}) and synthesis
 * ({@code POST /speech/v1/tts:synthesize}).
 */
public final class YandexPlugin implements ProviderPlugin {
    static final String ID = "yandex";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<SttProvider> createStt(ProviderContext context) {
        return enabled(context) ? Optional.of(new YandexSttProvider(YandexSettings.from(context.settings()), context))
                : Optional.empty();
    }

    @Override
    public Optional<TtsProvider> createTts(ProviderContext context) {
        return enabled(context) ? Optional.of(new YandexTtsProvider(YandexSettings.from(context.settings()), context))
                : Optional.empty();
    }

    private static boolean enabled(ProviderContext context) {
        return context.settings().getBoolean("enabled", false);
    }
}
