package io.voiceplatform.providers.google;

import io.voiceplatform.api.Language;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The platform language tags each service is offered for, and the codes Google's requests take for them.
 * Google's v1 APIs need a locale ({@code ru-RU}), so a bare language ({@code ru}) is sent as the first listed
 * locale of it; a region that is not listed is not served. Mandarin is the one case where the codes differ:
 * Speech-to-Text names it {@code cmn-Hans-CN} (https://cloud.google.com/speech-to-text/docs/speech-to-text-supported-languages),
 * Text-to-Speech {@code cmn-CN} (https://cloud.google.com/text-to-speech/docs/voices).
 */
final class GoogleLanguages {
    /** Locales Speech-to-Text v1 recognizes with its {@code default} model, most used first within a language. */
    static final List<String> STT = List.of(
            "ar-SA", "bg-BG", "cs-CZ", "da-DK", "de-DE", "el-GR", "en-US", "en-GB", "en-AU", "en-CA", "en-IN",
            "es-ES", "es-MX", "es-US", "fi-FI", "fr-FR", "fr-CA", "hi-IN", "hr-HR", "hu-HU", "id-ID", "it-IT", "ja-JP",
            "kk-KZ", "ko-KR", "nl-NL", "pl-PL", "pt-BR", "pt-PT", "ro-RO", "ru-RU", "sk-SK", "sv-SE", "th-TH", "tr-TR",
            "uk-UA", "uz-UZ", "vi-VN", "zh-CN", "zh-TW");

    /** Locales some built-in voice speaks ({@link GoogleVoices}); any other is sent with its code alone. */
    static final List<String> TTS = List.of(
            "ar-XA", "cs-CZ", "da-DK", "de-DE", "el-GR", "en-US", "en-GB", "en-AU", "en-IN", "es-ES", "es-US",
            "fi-FI", "fr-FR", "fr-CA", "hi-IN", "hu-HU", "id-ID", "it-IT", "ja-JP", "ko-KR", "nb-NO", "nl-NL", "pl-PL",
            "pt-BR", "pt-PT", "ro-RO", "ru-RU", "sk-SK", "sv-SE", "tr-TR", "uk-UA", "vi-VN", "zh-CN", "zh-TW");

    private static final Map<String, String> STT_CODES = Map.of("zh-CN", "cmn-Hans-CN", "zh-TW", "cmn-Hant-TW");
    private static final Map<String, String> TTS_CODES = Map.of("zh-CN", "cmn-CN", "zh-TW", "cmn-TW");

    private GoogleLanguages() {
    }

    /** The listed locale that serves a platform tag: the tag itself, or for a bare language its first locale. */
    static Optional<String> find(List<String> offered, String tag) {
        return offered.stream().filter(locale -> locale.equalsIgnoreCase(tag)).findFirst()
                .or(() -> tag.indexOf('-') < 0
                        ? offered.stream().filter(locale -> Language.primary(locale).equals(Language.primary(tag))).findFirst()
                        : Optional.empty());
    }

    /** The {@code languageCode} Speech-to-Text takes for a listed locale. */
    static String sttCode(String locale) {
        return STT_CODES.getOrDefault(locale, locale);
    }

    /** The {@code languageCode} Text-to-Speech takes for a listed locale. */
    static String ttsCode(String locale) {
        return TTS_CODES.getOrDefault(locale, locale);
    }

    /** The platform tag of a code Google uses or answers ({@code en-us} is {@code en-US}, {@code cmn-CN} is {@code zh-CN}). */
    static String platformTag(String code) {
        String wanted = code.toLowerCase(Locale.ROOT);
        return STT_CODES.entrySet().stream().filter(e -> e.getValue().toLowerCase(Locale.ROOT).equals(wanted)).map(Map.Entry::getKey)
                .findFirst()
                .or(() -> TTS_CODES.entrySet().stream().filter(e -> e.getValue().toLowerCase(Locale.ROOT).equals(wanted))
                        .map(Map.Entry::getKey).findFirst())
                .orElseGet(() -> normalized(code));
    }

    private static String normalized(String code) {
        try {
            return Language.normalize(code);
        } catch (RuntimeException e) {
            return code;
        }
    }
}
