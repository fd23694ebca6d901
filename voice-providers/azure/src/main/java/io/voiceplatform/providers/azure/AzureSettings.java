package io.voiceplatform.providers.azure;

import io.voiceplatform.providers.support.HttpUrls;

import io.voiceplatform.api.Language;
import io.voiceplatform.api.plugin.ProviderSettings;
import io.voiceplatform.api.plugin.Secret;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The section {@code voice.providers.azure}, read and checked once when the providers are created, so a bad
 * value stops start-up with its key named.
 *
 * @param sttBaseUrl         root of speech-to-text, {@code https://<region>.stt.speech.microsoft.com} by default
 * @param ttsBaseUrl         root of text-to-speech, {@code https://<region>.tts.speech.microsoft.com} by default
 * @param sttDefaultLanguage the locale recognized when a request names no language
 */
record AzureSettings(Secret apiKey, URI sttBaseUrl, URI ttsBaseUrl, AzureLocales sttLocales,
                     String sttDefaultLanguage, AzureVoices voices, AzureVoice defaultVoice, Duration timeout) {
    private static final Pattern REGION = Pattern.compile("[a-z0-9]+");
    static final List<String> DEFAULT_STT_LANGUAGES = List.of("ar-EG", "ar-SA", "bg-BG", "ca-ES", "cs-CZ", "da-DK", "de-AT",
            "de-CH", "de-DE", "el-GR", "en-AU", "en-CA", "en-GB", "en-IN", "en-NZ", "en-US", "es-ES", "es-MX", "et-EE", "fi-FI",
            "fr-CA", "fr-FR", "he-IL", "hi-IN", "hr-HR", "hu-HU", "id-ID", "it-IT", "ja-JP", "kk-KZ", "ko-KR", "lt-LT", "lv-LV",
            "nb-NO", "nl-NL", "pl-PL", "pt-BR", "pt-PT", "ro-RO", "ru-RU", "sk-SK", "sl-SI", "sv-SE", "th-TH", "tr-TR", "uk-UA",
            "uz-UZ", "vi-VN", "zh-CN", "zh-HK", "zh-TW");

    static AzureSettings from(ProviderSettings settings) {
        String section = settings.section();
        Secret apiKey = settings.getSecret("api-key");
        String region = settings.getString("region", "").trim();
        if (!region.isEmpty() && !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException(section + ".region = '" + region + "' is not an Azure region such as westeurope");
        }
        URI stt = endpoint(settings, "stt-base-url", region, "stt");
        URI tts = endpoint(settings, "tts-base-url", region, "tts");
        AzureLocales locales = new AzureLocales(settings.get("stt-languages").isPresent()
                ? settings.getList("stt-languages") : DEFAULT_STT_LANGUAGES);
        if (locales.locales().isEmpty()) {
            throw new IllegalArgumentException(section + ".stt-languages is empty: name at least one locale");
        }
        String defaultTag = settings.getString("stt-default-language", "en-US");
        String defaultLanguage = locales.localeFor(Language.normalize(defaultTag)).orElseThrow(() -> new IllegalArgumentException(
                section + ".stt-default-language = '" + defaultTag + "' is not one of stt-languages"));
        AzureVoices voices = AzureVoices.withExtra(section + ".extra-voices", settings.getList("extra-voices"));
        String voiceName = settings.getString("tts-voice", "en-US-JennyNeural");
        AzureVoice voice = voices.find(voiceName).orElseThrow(() -> new IllegalArgumentException(section + ".tts-voice = '"
                + voiceName + "' is neither a built-in voice nor listed in extra-voices"));
        Duration timeout = settings.getDuration("timeout", Duration.ofSeconds(30));
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException(section + ".timeout = '" + timeout + "' is not a positive duration");
        }
        return new AzureSettings(apiKey, stt, tts, locales, defaultLanguage, voices, voice, timeout);
    }

    /** The configured root URL, else the one of the region. */
    private static URI endpoint(ProviderSettings settings, String key, String region, String service) {
        if (settings.get(key).isPresent()) {
            return HttpUrls.base(settings, key, "");
        }
        if (region.isEmpty()) {
            throw new IllegalArgumentException(settings.section() + ".region is empty: set AZURE_SPEECH_REGION or "
                    + settings.section() + "." + key);
        }
        return URI.create("https://" + region + "." + service + ".speech.microsoft.com");
    }
}
