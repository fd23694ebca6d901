package io.voiceplatform.providers.google;

import io.voiceplatform.api.Language;
import io.voiceplatform.providers.google.GoogleVoice.Gender;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Google voice a synthesis request means. Any Google voice name ({@code en-US-Neural2-F},
 * {@code ru-RU-Wavenet-A}, {@code en-US-Chirp3-HD-Aoede}) is sent as given: Google has hundreds and adds
 * more, so they are not listed here, and the capabilities name no voices. OpenAI's voice names map to a
 * WaveNet voice of the request's language, by gender and then by position
 * (https://cloud.google.com/text-to-speech/docs/voices):
 *
 * <pre>
 * alloy, nova, shimmer, coral, sage   the 1st, 2nd, 3rd, 4th, 5th feminine voice of the language
 * echo, onyx, fable, ash, ballad, verse   the 1st .. 6th masculine voice of the language
 * </pre>
 *
 * counting round when a language has fewer (en-US: alloy is en-US-Wavenet-C, onyx en-US-Wavenet-B). A language
 * without a voice of that gender uses the other; one without built-in voices is sent as its code and the
 * gender, and Google picks the voice.
 */
final class GoogleVoices {
    /**
     * A locale, one of Google's voice families, and the variant. Naming the families keeps other providers'
     * voices ({@code en-US-JennyNeural}) out, so the orchestrator can take them elsewhere.
     */
    private static final Pattern VOICE_NAME = Pattern.compile(
            "([a-z]{2,3}-[a-z]{2})-(?:standard|wavenet|neural2|news|studio|polyglot|journey|casual|chirp-hd|chirp3-hd)-[a-z0-9]+",
            Pattern.CASE_INSENSITIVE);

    /** The WaveNet voices of each locale, by the letter ending their name. */
    private record Cast(List<String> feminine, List<String> masculine) {
    }

    /** OpenAI's name for a voice: a gender and the position among that gender's voices. */
    private record Slot(Gender gender, int position) {
    }

    private static final Map<String, Cast> WAVENET = new LinkedHashMap<>();

    static {
        wavenet("ar-XA", "AD", "BC");
        wavenet("cmn-CN", "AD", "BC");
        wavenet("cmn-TW", "A", "BC");
        wavenet("cs-CZ", "A", "");
        wavenet("da-DK", "ADE", "C");
        wavenet("de-DE", "ACF", "BDE");
        wavenet("el-GR", "A", "");
        wavenet("en-AU", "AC", "BD");
        wavenet("en-GB", "ACF", "BD");
        wavenet("en-IN", "AD", "BC");
        wavenet("en-US", "CEFGH", "ABDIJ");
        wavenet("es-ES", "CD", "B");
        wavenet("es-US", "A", "BC");
        wavenet("fi-FI", "A", "");
        wavenet("fr-CA", "AC", "BD");
        wavenet("fr-FR", "ACE", "BD");
        wavenet("hi-IN", "AD", "BC");
        wavenet("hu-HU", "A", "");
        wavenet("id-ID", "AD", "BC");
        wavenet("it-IT", "AB", "CD");
        wavenet("ja-JP", "AB", "CD");
        wavenet("ko-KR", "AB", "CD");
        wavenet("nb-NO", "AC", "BD");
        wavenet("nl-NL", "ADE", "BC");
        wavenet("pl-PL", "ADE", "BC");
        wavenet("pt-BR", "A", "B");
        wavenet("pt-PT", "AD", "BC");
        wavenet("ro-RO", "A", "");
        wavenet("ru-RU", "ACE", "BD");
        wavenet("sk-SK", "A", "");
        wavenet("sv-SE", "ABD", "CE");
        wavenet("tr-TR", "ACD", "BE");
        wavenet("uk-UA", "A", "");
        wavenet("vi-VN", "AC", "BD");
    }

    private static final Map<String, Slot> OPENAI = Map.ofEntries(
            Map.entry("alloy", new Slot(Gender.FEMALE, 0)), Map.entry("nova", new Slot(Gender.FEMALE, 1)),
            Map.entry("shimmer", new Slot(Gender.FEMALE, 2)), Map.entry("coral", new Slot(Gender.FEMALE, 3)),
            Map.entry("sage", new Slot(Gender.FEMALE, 4)),
            Map.entry("echo", new Slot(Gender.MALE, 0)), Map.entry("onyx", new Slot(Gender.MALE, 1)),
            Map.entry("fable", new Slot(Gender.MALE, 2)), Map.entry("ash", new Slot(Gender.MALE, 3)),
            Map.entry("ballad", new Slot(Gender.MALE, 4)), Map.entry("verse", new Slot(Gender.MALE, 5)));

    private GoogleVoices() {
    }

    private static void wavenet(String locale, String feminine, String masculine) {
        WAVENET.put(locale, new Cast(letters(locale, feminine), letters(locale, masculine)));
    }

    private static List<String> letters(String locale, String letters) {
        return letters.chars().mapToObj(c -> locale + "-Wavenet-" + (char) c).toList();
    }

    /** Whether a name has the shape of a Google voice name. */
    static boolean isVoiceName(String name) {
        return VOICE_NAME.matcher(name.trim()).matches();
    }

    /** The locale a Google voice name starts with: {@code cmn-CN} for {@code cmn-CN-Wavenet-A}. */
    static String locale(String voiceName) {
        Matcher m = VOICE_NAME.matcher(voiceName.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Google voice name: " + voiceName);
        }
        return m.group(1);
    }

    /**
     * The voice for a request: its Google voice name if that speaks the language, the voice its OpenAI name
     * maps to, or without a name the default voice when it speaks the language, else the language's first
     * built-in voice. A request in {@link Language#AUTO} follows the default voice's language. Empty when
     * the name is neither kind, or the language is not offered or not spoken by the named voice.
     *
     * @param offered the platform locales synthesized ({@code tts-languages})
     */
    static Optional<GoogleVoice> resolve(Optional<String> name, String language, String defaultVoice, List<String> offered) {
        if (name.isPresent() && isVoiceName(name.get())) {
            String locale = locale(name.get());
            return speaks(locale, language) ? Optional.of(GoogleVoice.named(name.get().trim(), locale)) : Optional.empty();
        }
        Optional<String> code = Language.AUTO.equals(language) ? Optional.of(locale(defaultVoice))
                : GoogleLanguages.find(offered, language).map(GoogleLanguages::ttsCode);
        if (code.isEmpty()) {
            return Optional.empty();
        }
        if (name.isPresent()) {
            Slot slot = OPENAI.get(name.get().trim().toLowerCase(Locale.ROOT));
            return slot == null ? Optional.empty() : Optional.of(openAi(slot, code.get()));
        }
        if (speaks(locale(defaultVoice), language)) {
            return Optional.of(GoogleVoice.named(defaultVoice, locale(defaultVoice)));
        }
        Cast cast = WAVENET.get(code.get());
        return Optional.of(cast == null ? new GoogleVoice(code.get(), Optional.empty(), Optional.empty())
                : GoogleVoice.named(cast.feminine().isEmpty() ? cast.masculine().get(0) : cast.feminine().get(0), code.get()));
    }

    private static GoogleVoice openAi(Slot slot, String code) {
        Cast cast = WAVENET.get(code);
        if (cast == null) {
            return new GoogleVoice(code, Optional.empty(), Optional.of(slot.gender()));
        }
        List<String> same = slot.gender() == Gender.FEMALE ? cast.feminine() : cast.masculine();
        List<String> voices = same.isEmpty() ? (slot.gender() == Gender.FEMALE ? cast.masculine() : cast.feminine()) : same;
        return GoogleVoice.named(voices.get(slot.position() % voices.size()), code);
    }

    /** The OpenAI voice names understood, sorted. */
    static List<String> openAiNames() {
        return OPENAI.keySet().stream().sorted().toList();
    }

    /** The locales with built-in voices, as platform tags. */
    static List<String> builtInLanguages() {
        return WAVENET.keySet().stream().map(GoogleLanguages::platformTag).toList();
    }

    private static boolean speaks(String voiceLocale, String language) {
        return Language.matches(GoogleLanguages.platformTag(voiceLocale), language);
    }
}
