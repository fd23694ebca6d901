package io.voiceplatform.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What to say and how.
 *
 * @param text         the text to speak; not blank
 * @param voice        a voice name, or empty for the provider's default
 * @param language     a language tag, or {@link Language#AUTO} to follow the voice
 * @param outputFormat the audio format wanted
 * @param speed        0.25 .. 4.0, 1.0 is normal
 * @param modelHint    a provider model to use, when the caller asks for one
 */
public record SpeechRequest(String text, Optional<String> voice, String language, AudioFormat outputFormat,
                            double speed, Optional<String> modelHint) {
    public static final double MIN_SPEED = 0.25;
    public static final double MAX_SPEED = 4.0;

    public SpeechRequest {
        if (text == null || text.isBlank()) {
            throw VoiceException.invalid("input text is empty", "input");
        }
        if (text.indexOf('\0') >= 0) {
            throw VoiceException.invalid("input text contains a NUL character", "input");
        }
        voice = voice == null ? Optional.empty() : voice.filter(v -> !v.isBlank()).map(String::trim);
        language = Language.normalize(language);
        Objects.requireNonNull(outputFormat, "outputFormat");
        if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) {
            throw VoiceException.invalid("speed must be between " + MIN_SPEED + " and " + MAX_SPEED + ", got " + speed, "speed");
        }
        modelHint = modelHint == null ? Optional.empty() : modelHint.filter(m -> !m.isBlank());
    }

    public static SpeechRequest of(String text, AudioFormat format) {
        return new SpeechRequest(text, Optional.empty(), Language.AUTO, format, 1.0, Optional.empty());
    }

    public SpeechRequest withVoice(String newVoice) {
        return new SpeechRequest(text, Optional.ofNullable(newVoice), language, outputFormat, speed, modelHint);
    }

    public SpeechRequest withLanguage(String newLanguage) {
        return new SpeechRequest(text, voice, newLanguage, outputFormat, speed, modelHint);
    }

    public SpeechRequest withSpeed(double newSpeed) {
        return new SpeechRequest(text, voice, language, outputFormat, newSpeed, modelHint);
    }

    public SpeechRequest withModelHint(Optional<String> newModelHint) {
        return new SpeechRequest(text, voice, language, outputFormat, speed, newModelHint);
    }

    public SpeechRequest withOutputFormat(AudioFormat format) {
        return new SpeechRequest(text, voice, language, format, speed, modelHint);
    }

    public SpeechRequest withText(String newText) {
        return new SpeechRequest(newText, voice, language, outputFormat, speed, modelHint);
    }
}
