package io.voiceplatform.providers.elevenlabs;

import io.voiceplatform.api.Language;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Languages by ISO 639-1 code: those Scribe transcribes, and those each synthesis model speaks
 * (https://elevenlabs.io/docs/models: Multilingual v2 has 29, the v2.5 models add Hungarian, Norwegian and
 * Vietnamese).
 */
final class ElevenLabsLanguages {
    static final List<String> TRANSCRIPTION = List.of(
            "ar", "bg", "cs", "cy", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "he", "hi", "hr", "hu", "id",
            "is", "it", "ja", "ko", "lt", "lv", "ms", "mt", "nl", "no", "pl", "pt", "ro", "ru", "sk", "sl", "sr", "sv",
            "th", "tr", "uk", "vi", "zh");

    private static final Set<String> MULTILINGUAL_V2 = Set.of(
            "ar", "bg", "cs", "da", "de", "el", "en", "es", "fi", "fil", "fr", "hi", "hr", "id", "it", "ja", "ko", "ms",
            "nl", "pl", "pt", "ro", "ru", "sk", "sv", "ta", "tr", "uk", "zh");
    private static final Set<String> ADDED_IN_V2_5 = Set.of("hu", "no", "vi");

    private ElevenLabsLanguages() {
    }

    /** The code Scribe takes for a platform tag ({@code ru-RU} as {@code ru}); empty when it is not transcribed. */
    static Optional<String> transcriptionCode(String tag) {
        String primary = Language.primary(tag);
        return TRANSCRIPTION.contains(primary) ? Optional.of(primary) : Optional.empty();
    }

    /** Every language one of the given synthesis models speaks. */
    static List<String> synthesis(List<String> models) {
        boolean anyV25 = models.stream().anyMatch(ElevenLabsLanguages::enforcesLanguage);
        return Stream.concat(MULTILINGUAL_V2.stream(), anyV25 ? ADDED_IN_V2_5.stream() : Stream.empty()).sorted().toList();
    }

    /** Whether a synthesis model speaks a language; {@link Language#AUTO} follows the text. */
    static boolean speaks(String model, String tag) {
        if (Language.AUTO.equals(tag)) {
            return true;
        }
        String primary = Language.primary(tag);
        return MULTILINGUAL_V2.contains(primary) || (enforcesLanguage(model) && ADDED_IN_V2_5.contains(primary));
    }

    /**
     * Whether the model takes a {@code language_code}: the reference says only the v2.5 models do, and the
     * others answer an error when one is given.
     */
    static boolean enforcesLanguage(String model) {
        return model.toLowerCase(Locale.ROOT).endsWith("_v2_5");
    }
}
