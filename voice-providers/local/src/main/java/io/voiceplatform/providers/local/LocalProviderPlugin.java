package io.voiceplatform.providers.local;

import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;

import java.time.Duration;
import java.util.Optional;

/**
 * The embedded, offline default provider: Sphinx4 for STT and FreeTTS for TTS, pure JVM, no network.
 * Settings: {@code voice.providers.local.{enabled, grammar, voice, recognizers, max-audio-duration, real-time-factor}}.
 */
public final class LocalProviderPlugin implements ProviderPlugin {
    static final String ID = "local";
    /** Pieces of a long recording last up to 20 s: long enough for whole sentences, short enough to spread over cores. */
    private static final double PIECE_SECONDS = 20;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<SttProvider> createStt(ProviderContext context) {
        if (!context.settings().getBoolean("enabled", true)) {
            return Optional.empty();
        }
        var settings = context.settings();
        int recognizers = settings.getInt("recognizers", Math.min(2, Runtime.getRuntime().availableProcessors()));
        if (recognizers < 1 || recognizers > 64) {
            throw new IllegalArgumentException("voice.providers.local.recognizers must be 1..64, not " + recognizers);
        }
        double realTimeFactor;
        try {
            realTimeFactor = Double.parseDouble(settings.getString("real-time-factor", "4"));
        } catch (NumberFormatException e) {
            realTimeFactor = Double.NaN;
        }
        if (!(realTimeFactor > 0 && realTimeFactor <= 100)) {
            throw new IllegalArgumentException("voice.providers.local.real-time-factor must be over 0 and at most 100, not " + realTimeFactor);
        }
        return Optional.of(new LocalSttProvider(settings.getString("grammar", ""), recognizers,
                settings.getDuration("max-audio-duration", Duration.ofMinutes(10)), realTimeFactor, PIECE_SECONDS));
    }

    @Override
    public Optional<TtsProvider> createTts(ProviderContext context) {
        if (!context.settings().getBoolean("enabled", true)) {
            return Optional.empty();
        }
        return Optional.of(new LocalTtsProvider(context.settings().getString("voice", "kevin16")));
    }
}
