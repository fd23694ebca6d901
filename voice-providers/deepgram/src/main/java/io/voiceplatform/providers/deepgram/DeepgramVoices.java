package io.voiceplatform.providers.deepgram;

import io.voiceplatform.api.Language;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Aura voices the plugin offers (https://developers.deepgram.com/docs/tts-models) and the names a request
 * may use for them: the model id ({@code aura-asteria-en}), the Aura-1 short name ({@code asteria}), or an
 * OpenAI voice name, which maps to an Aura voice of the same character in the requested language.
 */
final class DeepgramVoices {
    private static final List<DeepgramVoice> VOICES = List.of(
            aura1("asteria", true), aura1("luna", true), aura1("stella", true), aura1("athena", true),
            aura1("hera", true), aura1("orion", false), aura1("arcas", false), aura1("perseus", false),
            aura1("angus", false), aura1("orpheus", false), aura1("helios", false), aura1("zeus", false),
            aura2("thalia", "en", true), aura2("andromeda", "en", true), aura2("helena", "en", true),
            aura2("apollo", "en", false), aura2("arcas", "en", false), aura2("aries", "en", false),
            aura2("celeste", "es", true), aura2("estrella", "es", true), aura2("nestor", "es", false));

    /** OpenAI's voice names, by whether the voice they stand for is feminine. */
    private static final Map<String, Boolean> OPENAI_VOICES = Map.of(
            "alloy", true, "nova", true, "shimmer", true, "echo", false, "fable", false, "onyx", false);

    private DeepgramVoices() {
    }

    private static DeepgramVoice aura1(String name, boolean female) {
        return new DeepgramVoice("aura-" + name + "-en", "en", female);
    }

    private static DeepgramVoice aura2(String name, String language, boolean female) {
        return new DeepgramVoice("aura-2-" + name + "-" + language, language, female);
    }

    /** A voice by model id or Aura-1 short name. */
    static Optional<DeepgramVoice> find(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return VOICES.stream()
                .filter(v -> v.model().equals(wanted) || v.model().equals("aura-" + wanted + "-en"))
                .findFirst();
    }

    /**
     * The voice a request means: its name (model id, short name or OpenAI name) in its language; without a
     * name, the default voice if it speaks the language, else the first voice that does. Empty when none fits.
     */
    static Optional<DeepgramVoice> resolve(Optional<String> name, String language, DeepgramVoice defaultVoice) {
        if (name.isEmpty()) {
            return speaks(defaultVoice, language) ? Optional.of(defaultVoice)
                    : VOICES.stream().filter(v -> speaks(v, language)).findFirst();
        }
        Boolean female = OPENAI_VOICES.get(name.get().trim().toLowerCase(Locale.ROOT));
        if (female != null) {
            return Stream.concat(Stream.of(defaultVoice), VOICES.stream())
                    .filter(v -> v.female() == female && speaks(v, language))
                    .findFirst();
        }
        return find(name.get()).filter(v -> speaks(v, language));
    }

    /** Every name a request may give, as listed in the capabilities. */
    static List<String> names() {
        List<String> names = new ArrayList<>(modelIds());
        VOICES.stream().map(DeepgramVoice::model).filter(m -> m.matches("aura-[a-z]+-en"))
                .map(m -> m.substring("aura-".length(), m.length() - "-en".length())).forEach(names::add);
        OPENAI_VOICES.keySet().stream().sorted().forEach(names::add);
        return List.copyOf(names);
    }

    static List<String> modelIds() {
        return VOICES.stream().map(DeepgramVoice::model).toList();
    }

    /** The languages some voice speaks. */
    static List<String> languages() {
        return VOICES.stream().map(DeepgramVoice::language).distinct().toList();
    }

    private static boolean speaks(DeepgramVoice voice, String language) {
        return Language.AUTO.equals(language) || Language.primary(language).equals(voice.language());
    }
}
