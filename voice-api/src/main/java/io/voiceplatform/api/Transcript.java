package io.voiceplatform.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The result of a transcription.
 *
 * @param text       the recognized text
 * @param language   the language spoken, as a tag, or {@link Language#AUTO} when the provider did not say
 * @param confidence 0..1 when the provider reports it
 * @param duration   the length of the audio
 * @param segments   timed segments (empty when not asked for or not available)
 * @param words      timed words (empty when not asked for or not available)
 * @param provider   the id of the provider that produced it
 * @param model      the provider's model
 */
public record Transcript(String text, String language, OptionalDouble confidence, Duration duration,
                         List<TimedText> segments, List<TimedText> words, String provider, String model) {
    public Transcript {
        Objects.requireNonNull(text, "text");
        language = language == null || language.isBlank() ? Language.AUTO : language;
        confidence = confidence == null ? OptionalDouble.empty() : confidence;
        if (confidence.isPresent() && !(confidence.getAsDouble() >= 0 && confidence.getAsDouble() <= 1)) {
            throw new IllegalArgumentException("confidence out of 0..1: " + confidence.getAsDouble());
        }
        duration = duration == null ? Duration.ZERO : duration;
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration");
        }
        segments = List.copyOf(segments == null ? List.of() : segments);
        words = List.copyOf(words == null ? List.of() : words);
        Objects.requireNonNull(provider, "provider");
        model = model == null ? "" : model;
    }

    /** The same transcript credited to another provider id (for example a plugin's alias). */
    public Transcript withProvider(String newProvider) {
        return new Transcript(text, language, confidence, duration, segments, words, newProvider, model);
    }
}
