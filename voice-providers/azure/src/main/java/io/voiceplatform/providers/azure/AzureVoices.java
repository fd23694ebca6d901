package io.voiceplatform.providers.azure;

import io.voiceplatform.api.Language;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The neural voices offered (https://learn.microsoft.com/azure/ai-services/speech-service/language-support?tabs=tts):
 * a built-in pair per common locale plus those configured, and the names a request may use: the full voice
 * name, or an OpenAI voice name, which maps to a voice of the same character in the requested language.
 */
record AzureVoices(List<AzureVoice> voices) {
    private static final Pattern VOICE_NAME = Pattern.compile("([a-z]{2,3}-[A-Z]{2})-[A-Za-z0-9]+");

    private static final List<AzureVoice> BUILT_IN = List.of(
            voice("en-US-JennyNeural", true), voice("en-US-GuyNeural", false),
            voice("en-US-AriaNeural", true), voice("en-US-DavisNeural", false),
            voice("en-GB-SoniaNeural", true), voice("en-GB-RyanNeural", false),
            voice("de-DE-KatjaNeural", true), voice("de-DE-ConradNeural", false),
            voice("fr-FR-DeniseNeural", true), voice("fr-FR-HenriNeural", false),
            voice("es-ES-ElviraNeural", true), voice("es-ES-AlvaroNeural", false),
            voice("it-IT-ElsaNeural", true), voice("it-IT-DiegoNeural", false),
            voice("pt-BR-FranciscaNeural", true), voice("pt-BR-AntonioNeural", false),
            voice("ru-RU-SvetlanaNeural", true), voice("ru-RU-DmitryNeural", false),
            voice("uk-UA-PolinaNeural", true), voice("uk-UA-OstapNeural", false),
            voice("tr-TR-EmelNeural", true), voice("tr-TR-AhmetNeural", false),
            voice("kk-KZ-AigulNeural", true), voice("kk-KZ-DauletNeural", false),
            voice("uz-UZ-MadinaNeural", true), voice("uz-UZ-SardorNeural", false),
            voice("ja-JP-NanamiNeural", true), voice("ja-JP-KeitaNeural", false),
            voice("zh-CN-XiaoxiaoNeural", true), voice("zh-CN-YunxiNeural", false));

    /** OpenAI's voice names, by whether the voice they stand for is feminine. */
    private static final Map<String, Boolean> OPENAI_VOICES = Map.of(
            "alloy", true, "nova", true, "shimmer", true, "echo", false, "fable", false, "onyx", false);

    AzureVoices {
        voices = List.copyOf(voices);
    }

    /** The built-in voices and the configured extra ones; {@code key} names the setting in errors. */
    static AzureVoices withExtra(String key, List<String> extraNames) {
        List<AzureVoice> all = new ArrayList<>(BUILT_IN);
        for (String name : extraNames) {
            Matcher m = VOICE_NAME.matcher(name.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException(key + " entry '" + name + "' is not a voice name such as en-US-AvaNeural");
            }
            if (all.stream().noneMatch(v -> v.name().equalsIgnoreCase(name.trim()))) {
                all.add(new AzureVoice(name.trim(), m.group(1), Optional.empty()));
            }
        }
        return new AzureVoices(all);
    }

    private static AzureVoice voice(String name, boolean female) {
        return new AzureVoice(name, name.substring(0, name.indexOf('-', 3)), Optional.of(female));
    }

    /** A voice by its full name, in any case. */
    Optional<AzureVoice> find(String name) {
        return voices.stream().filter(v -> v.name().equalsIgnoreCase(name.trim())).findFirst();
    }

    /**
     * The voice a request means: its name (full or OpenAI) in its language; without a name, the default
     * voice if it speaks the language, else the first voice that does. Empty when none fits.
     */
    Optional<AzureVoice> resolve(Optional<String> name, String language, AzureVoice defaultVoice) {
        if (name.isEmpty()) {
            return speaks(defaultVoice, language) ? Optional.of(defaultVoice)
                    : voices.stream().filter(v -> speaks(v, language)).findFirst();
        }
        Boolean female = OPENAI_VOICES.get(name.get().trim().toLowerCase(Locale.ROOT));
        if (female != null) {
            return Stream.concat(Stream.of(defaultVoice), voices.stream())
                    .filter(v -> v.female().equals(Optional.of(female)) && speaks(v, language))
                    .findFirst();
        }
        return find(name.get()).filter(v -> speaks(v, language));
    }

    /** Every name a request may give, as listed in the capabilities. */
    List<String> names() {
        List<String> names = new ArrayList<>(voices.stream().map(AzureVoice::name).toList());
        OPENAI_VOICES.keySet().stream().sorted().forEach(names::add);
        return names;
    }

    /** The locales some voice speaks. */
    List<String> locales() {
        return voices.stream().map(AzureVoice::locale).distinct().toList();
    }

    private static boolean speaks(AzureVoice voice, String language) {
        return Language.matches(voice.locale(), language);
    }
}
