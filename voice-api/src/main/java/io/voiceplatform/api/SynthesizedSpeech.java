package io.voiceplatform.api;

import java.time.Duration;
import java.util.Objects;

/**
 * The result of a synthesis.
 *
 * @param audio    the speech, in the requested format
 * @param duration its length, or {@link Duration#ZERO} when the provider does not say
 * @param provider the id of the provider that produced it
 */
public record SynthesizedSpeech(Audio audio, Duration duration, String provider) {
    public SynthesizedSpeech {
        Objects.requireNonNull(audio, "audio");
        duration = duration == null ? Duration.ZERO : duration;
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration");
        }
        Objects.requireNonNull(provider, "provider");
    }
}
