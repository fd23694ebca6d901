package io.voiceplatform.providers.google;

import io.voiceplatform.providers.support.HttpUrls;

import io.voiceplatform.api.Language;
import io.voiceplatform.api.plugin.ProviderSettings;
import io.voiceplatform.api.plugin.Secret;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The section {@code voice.providers.google}, read and checked once when the providers are created, so a bad
 * value stops start-up with its key named.
 *
 * @param credentialsFile a service-account key file, used only when no API key is set (its environment
 *                        variable is often set machine-wide for other tools)
 * @param sttLanguages    platform locales transcribed; a bare language is sent as its first listed locale
 * @param ttsLanguages    platform locales synthesized
 * @param defaultLanguage the listed locale transcribed when a request asks for {@code auto}, since
 *                        Speech-to-Text v1 does not detect the language
 * @param ttsVoice        the Google voice spoken when a request names none
 */
record GoogleSettings(Secret apiKey, Optional<Path> credentialsFile, URI sttBaseUrl, URI ttsBaseUrl, String sttModel,
                      List<String> sttLanguages, List<String> ttsLanguages, String defaultLanguage, String ttsVoice,
                      Duration timeout) {
    static final String DEFAULT_STT_BASE_URL = "https://speech.googleapis.com";
    static final String DEFAULT_TTS_BASE_URL = "https://texttospeech.googleapis.com";
    static final String DEFAULT_STT_MODEL = "default";
    static final String DEFAULT_LANGUAGE = "en-US";
    static final String DEFAULT_TTS_VOICE = "en-US-Wavenet-F";

    GoogleSettings {
        sttLanguages = List.copyOf(sttLanguages);
        ttsLanguages = List.copyOf(ttsLanguages);
    }

    static GoogleSettings from(ProviderSettings settings) {
        String section = settings.section();
        Secret apiKey = settings.getSecret("api-key");
        Optional<Path> credentialsFile = apiKey.isPresent() ? Optional.empty() : credentialsFile(settings);
        URI stt = HttpUrls.base(settings, "stt-base-url", DEFAULT_STT_BASE_URL);
        URI tts = HttpUrls.base(settings, "tts-base-url", DEFAULT_TTS_BASE_URL);
        String model = settings.getString("stt-model", DEFAULT_STT_MODEL).trim();
        List<String> sttLanguages = locales(settings, "stt-languages", GoogleLanguages.STT);
        List<String> ttsLanguages = locales(settings, "tts-languages", GoogleLanguages.TTS);
        String defaultTag = settings.getString("default-language", DEFAULT_LANGUAGE).trim();
        String defaultLanguage = GoogleLanguages.find(sttLanguages, tag(section + ".default-language", defaultTag))
                .orElseThrow(() -> new IllegalArgumentException(section + ".default-language = '" + defaultTag
                        + "' is not one of stt-languages"));
        String voice = settings.getString("tts-voice", DEFAULT_TTS_VOICE).trim();
        if (!GoogleVoices.isVoiceName(voice)) {
            throw new IllegalArgumentException(section + ".tts-voice = '" + voice
                    + "' is not a Google voice name such as en-US-Wavenet-F or ru-RU-Neural2-A");
        }
        Duration timeout = settings.getDuration("timeout", Duration.ofSeconds(30));
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException(section + ".timeout = '" + timeout + "' is not a positive duration");
        }
        return new GoogleSettings(apiKey, credentialsFile, stt, tts, model, sttLanguages, ttsLanguages, defaultLanguage,
                voice, timeout);
    }

    private static Optional<Path> credentialsFile(ProviderSettings settings) {
        Optional<String> value = settings.get("credentials-file").map(String::trim);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path file = Path.of(value.get());
            if (Files.isRegularFile(file) && Files.isReadable(file)) {
                return Optional.of(file);
            }
        } catch (InvalidPathException e) {
            // reported below
        }
        throw new IllegalArgumentException(settings.section() + ".credentials-file = '" + value.get()
                + "' is not a readable file");
    }

    /** A list of locales, normalized; the built-in list when the key is empty. */
    private static List<String> locales(ProviderSettings settings, String key, List<String> builtIn) {
        if (settings.get(key).isEmpty()) {
            return builtIn;
        }
        List<String> locales = new ArrayList<>();
        for (String entry : settings.getList(key)) {
            locales.add(tag(settings.section() + "." + key + " entry", entry));
        }
        if (locales.isEmpty()) {
            throw new IllegalArgumentException(settings.section() + "." + key + " is empty: name at least one locale");
        }
        return List.copyOf(locales);
    }

    private static String tag(String key, String value) {
        try {
            String tag = Language.normalize(value);
            if (!Language.AUTO.equals(tag)) {
                return tag;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " = '" + value + "' is not a language tag such as en-US");
    }
}
