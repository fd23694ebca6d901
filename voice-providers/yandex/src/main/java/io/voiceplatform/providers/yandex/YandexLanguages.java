package io.voiceplatform.providers.yandex;

import io.voiceplatform.api.Language;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The languages SpeechKit's {@code general} recognition model takes, with the codes its {@code lang}
 * parameter takes (https://yandex.cloud/en/docs/speechkit/stt/models). A bare language, or another region
 * of a listed one, is sent as the first listed code of that language ({@code en-GB} as {@code en-US},
 * {@code pt} as {@code pt-PT}); {@code kk-KK}, the tag of Yandex's Kazakh voices, stands for {@code kk-KZ}.
 */
final class YandexLanguages {
    static final List<String> CODES = List.of(
            "ru-RU", "en-US", "de-DE", "es-ES", "fi-FI", "fr-FR", "he-IL", "it-IT", "kk-KZ", "nl-NL", "pl-PL",
            "pt-PT", "pt-BR", "sv-SE", "tr-TR", "uz-UZ");
    private static final Map<String, String> ALIASES = Map.of("kk-KK", "kk-KZ");

    private YandexLanguages() {
    }

    /** The {@code lang} code for a platform language tag; empty when Yandex has no model for the language. */
    static Optional<String> code(String tag) {
        return CODES.stream().filter(code -> code.equalsIgnoreCase(tag)).findFirst()
                .or(() -> ALIASES.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(tag)).map(Map.Entry::getValue).findFirst())
                .or(() -> CODES.stream().filter(code -> Language.primary(code).equals(Language.primary(tag))).findFirst());
    }

    /**
     * Every tag offered in the capabilities: the codes, the alias and each bare language, since a bare
     * language there tells the platform that any region of it is served.
     */
    static List<String> offered() {
        Set<String> tags = new LinkedHashSet<>(CODES);
        tags.addAll(ALIASES.keySet());
        CODES.stream().map(Language::primary).forEach(tags::add);
        return List.copyOf(tags);
    }
}
