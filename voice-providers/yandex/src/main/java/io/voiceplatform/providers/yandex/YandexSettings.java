package io.voiceplatform.providers.yandex;

import io.voiceplatform.api.Language;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.plugin.ProviderSettings;
import io.voiceplatform.api.plugin.Secret;
import io.voiceplatform.providers.support.HttpUrls;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The section {@code voice.providers.yandex}, read and checked once when the providers are created, so a bad
 * value stops start-up with its key named.
 *
 * @param apiKey          a service account's API key; preferred when set
 * @param iamToken        an IAM token, used when there is no API key
 * @param folderId        the {@code folderId} sent with every call, or "" to send none
 * @param defaultLanguage the {@code lang} code recognized when a request asks for auto-detection
 * @param voice           the voice spoken when a request names none
 * @param sttTopic        the recognition model ({@code topic}) used when a request names none of those offered
 */
record YandexSettings(Secret apiKey, Secret iamToken, String folderId, URI sttBaseUrl, URI ttsBaseUrl,
                      String defaultLanguage, YandexVoice voice, String sttTopic, Duration timeout) {
    static final String DEFAULT_STT_BASE_URL = "https://stt.api.cloud.yandex.net";
    static final String DEFAULT_TTS_BASE_URL = "https://tts.api.cloud.yandex.net";
    /** Folder IDs are short lower-case identifiers; Yandex takes at most 50 characters. */
    private static final Pattern FOLDER_ID = Pattern.compile("[A-Za-z0-9_-]{1,50}");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9_.:-]+");

    static YandexSettings from(ProviderSettings settings) {
        String section = settings.section();
        Secret apiKey = settings.getSecret("api-key");
        Secret iamToken = settings.getSecret("iam-token");
        String folderId = settings.getString("folder-id", "").trim();
        if (!folderId.isEmpty() && !FOLDER_ID.matcher(folderId).matches()) {
            throw new IllegalArgumentException(section + ".folder-id = '" + folderId
                    + "' is not a folder ID (letters, digits, '-' and '_', at most 50), such as b1g2h3j4k5l6m7n8p9q0");
        }
        if (!apiKey.isPresent() && iamToken.isPresent() && folderId.isEmpty()) {
            throw new IllegalArgumentException(section + ".folder-id is empty: an IAM token (iam-token) works only with"
                    + " the folder to bill, set it or YANDEX_FOLDER_ID");
        }
        URI stt = HttpUrls.base(settings, "stt-base-url", DEFAULT_STT_BASE_URL);
        URI tts = HttpUrls.base(settings, "tts-base-url", DEFAULT_TTS_BASE_URL);
        String languageTag = settings.getString("default-language", "ru-RU").trim();
        String defaultLanguage = recognizedLanguage(languageTag).orElseThrow(() -> new IllegalArgumentException(section
                + ".default-language = '" + languageTag + "' is not a language Yandex recognizes: " + YandexLanguages.CODES));
        String voiceName = settings.getString("voice", "alena");
        YandexVoice voice = YandexVoices.find(voiceName).orElseThrow(() -> new IllegalArgumentException(
                section + ".voice = '" + voiceName + "' is not one of " + YandexVoices.ids()));
        String topic = settings.getString("stt-topic", "general").trim();
        if (!TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException(section + ".stt-topic = '" + topic + "' is not a model name such as general");
        }
        Duration timeout = settings.getDuration("timeout", Duration.ofSeconds(30));
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException(section + ".timeout = '" + timeout + "' is not a positive duration");
        }
        return new YandexSettings(apiKey, iamToken, folderId, stt, tts, defaultLanguage, voice, topic, timeout);
    }

    private static Optional<String> recognizedLanguage(String tag) {
        try {
            String normalized = Language.normalize(tag);
            return Language.AUTO.equals(normalized) ? Optional.empty() : YandexLanguages.code(normalized);
        } catch (VoiceException notATag) {
            return Optional.empty();
        }
    }

    /** The credential calls carry: the API key when set, else the IAM token (possibly empty). */
    Secret credential() {
        return apiKey.isPresent() ? apiKey : iamToken;
    }

    /** {@code &folderId=<id>} when a folder is configured, else "". */
    String folderParameter() {
        return folderId.isEmpty() ? "" : "&folderId=" + HttpUrls.encode(folderId);
    }
}
