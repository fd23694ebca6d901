package io.voiceplatform.api;

import java.util.Objects;

/**
 * A stretch of recognized text with its position in the audio, in seconds: a segment or a word.
 */
public record TimedText(double start, double end, String text) {
    public TimedText {
        Objects.requireNonNull(text, "text");
        if (!(start >= 0) || !(end >= start)) {
            throw new IllegalArgumentException("bad time range " + start + ".." + end);
        }
    }
}
