package io.voiceplatform.providers.deepgram;

import io.voiceplatform.api.Language;

import java.util.List;
import java.util.Optional;

/**
 * The languages Deepgram's Nova-2 model transcribes, with the codes its {@code language} parameter takes
 * (https://developers.deepgram.com/docs/models-languages-overview). Regional codes are kept where Deepgram
 * has a regional model; any other region of a listed language is sent as its primary code.
 */
final class DeepgramLanguages {
    static final List<String> CODES = List.of(
            "bg", "ca", "cs", "da", "da-DK", "de", "de-CH", "el", "en", "en-AU", "en-GB", "en-IN", "en-NZ", "en-US",
            "es", "es-419", "et", "fi", "fr", "fr-CA", "hi", "hu", "id", "it", "ja", "ko", "ko-KR", "lt", "lv", "ms",
            "nl", "nl-BE", "no", "pl", "pt", "pt-BR", "pt-PT", "ro", "ru", "sk", "sv", "sv-SE", "th", "th-TH", "tr",
            "uk", "vi", "zh", "zh-CN", "zh-TW");

    private DeepgramLanguages() {
    }

    /** The code to send for a platform language tag ({@code en-GB} as is, {@code ru-RU} as {@code ru}); empty when Deepgram has no model for it. */
    static Optional<String> code(String tag) {
        return CODES.stream().filter(code -> code.equalsIgnoreCase(tag)).findFirst()
                .or(() -> CODES.stream().filter(code -> code.equals(Language.primary(tag))).findFirst());
    }
}
