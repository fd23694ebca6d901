package io.voiceplatform.providers.yandex;

import io.voiceplatform.api.Language;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The SpeechKit voices API v1 speaks (https://yandex.cloud/en/docs/speechkit/tts/voices) and the names a
 * request may use for them: the Yandex name ({@code jane}), the name with a role ({@code jane:evil}, sent as
 * {@code emotion}; roles exist for Russian voices only), or an OpenAI voice name.
 *
 * <p>OpenAI names map to Russian voices of the same character, the table below. For another language the
 * voice of that language with the same gender is spoken, else the language's only voice (English has John alone):
 * <pre>
 * alloy, shimmer -> alena (f)   coral, nova -> jane (f)   sage -> omazh (f)
 * ash, onyx -> filipp (m)       ballad, fable -> ermil (m)   echo -> zahar (m)   verse -> madirus (m)
 * </pre>
 */
final class YandexVoices {
    private static final List<YandexVoice> VOICES = Stream.of(
            voice("alena", "ru-RU", true, "neutral", "good"),
            voice("filipp", "ru-RU", false),
            voice("ermil", "ru-RU", false, "neutral", "good"),
            voice("jane", "ru-RU", true, "neutral", "good", "evil"),
            voice("madirus", "ru-RU", false),
            voice("omazh", "ru-RU", true, "neutral", "evil"),
            voice("zahar", "ru-RU", false, "neutral", "good"),
            voice("john", "en-US", false),
            voice("lea", "de-DE", true),
            voice("naomi", "he-IL", true),
            voice("amira", "kk-KK", true),
            voice("madi", "kk-KK", false),
            voice("nigora", "uz-UZ", true)).flatMap(s -> s).toList();

    private static final Map<String, String> OPENAI_VOICES = Map.ofEntries(
            Map.entry("alloy", "alena"), Map.entry("shimmer", "alena"), Map.entry("coral", "jane"),
            Map.entry("nova", "jane"), Map.entry("sage", "omazh"), Map.entry("ash", "filipp"),
            Map.entry("onyx", "filipp"), Map.entry("ballad", "ermil"), Map.entry("fable", "ermil"),
            Map.entry("echo", "zahar"), Map.entry("verse", "madirus"));

    private YandexVoices() {
    }

    /** The voice itself, then one entry per role. */
    private static Stream<YandexVoice> voice(String name, String language, boolean female, String... roles) {
        return Stream.concat(Stream.of(new YandexVoice(name, language, female, "")),
                Stream.of(roles).map(role -> new YandexVoice(name, language, female, role)));
    }

    /** A voice by Yandex name, with or without a role ({@code jane}, {@code jane:good}). */
    static Optional<YandexVoice> find(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return VOICES.stream().filter(v -> v.id().equals(wanted)).findFirst();
    }

    /**
     * The voice a request means: its name (Yandex or OpenAI) in its language; without a name, the default
     * voice if it speaks the language, else the first voice that does. Empty when none fits.
     */
    static Optional<YandexVoice> resolve(Optional<String> name, String language, YandexVoice defaultVoice) {
        if (name.isEmpty()) {
            return speaks(defaultVoice, language) ? Optional.of(defaultVoice) : plainVoicesOf(language).findFirst();
        }
        String openAiVoice = OPENAI_VOICES.get(name.get().trim().toLowerCase(Locale.ROOT));
        if (openAiVoice != null) {
            YandexVoice mapped = find(openAiVoice).orElseThrow();
            return speaks(mapped, language) ? Optional.of(mapped)
                    : plainVoicesOf(language).min(Comparator.comparing(v -> v.female() != mapped.female()));
        }
        return find(name.get()).filter(v -> speaks(v, language));
    }

    /** Every name a request may give, as listed in the capabilities. */
    static List<String> names() {
        return Stream.concat(ids().stream(), OPENAI_VOICES.keySet().stream().sorted()).toList();
    }

    static List<String> ids() {
        return VOICES.stream().map(YandexVoice::id).toList();
    }

    /** The languages some voice speaks, as bare languages: any region of them is spoken. */
    static List<String> languages() {
        return VOICES.stream().map(v -> Language.primary(v.language())).distinct().toList();
    }

    private static Stream<YandexVoice> plainVoicesOf(String language) {
        return VOICES.stream().filter(v -> v.emotion().isEmpty() && speaks(v, language));
    }

    private static boolean speaks(YandexVoice voice, String language) {
        return Language.AUTO.equals(language) || Language.primary(language).equals(Language.primary(voice.language()));
    }
}
