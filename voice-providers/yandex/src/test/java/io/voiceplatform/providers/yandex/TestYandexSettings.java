package io.voiceplatform.providers.yandex;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import io.voiceplatform.api.plugin.ProviderSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class TestYandexSettings {
    private static final String SECTION = "voice.providers.yandex";

    @Test
    void referenceConfDeclaresTheDefaultsTheCodeFallsBackTo() {
        ProviderSettings reference = reference();
        YandexSettings fromReference = YandexSettings.from(reference);
        YandexSettings fromNothing = YandexSettings.from(new ProviderSettings(SECTION, Map.of()));

        assertEquals(fromNothing, fromReference);
        assertEquals(URI.create("https://stt.api.cloud.yandex.net"), fromReference.sttBaseUrl());
        assertEquals(URI.create("https://tts.api.cloud.yandex.net"), fromReference.ttsBaseUrl());
        assertEquals("ru-RU", fromReference.defaultLanguage());
        assertEquals("alena", fromReference.voice().id());
        assertEquals("general", fromReference.sttTopic());
        assertEquals(Duration.ofSeconds(30), fromReference.timeout());
        assertEquals("", fromReference.folderId());
        assertFalse(reference.getBoolean("enabled", true), "off unless asked for");
        assertFalse(fromReference.apiKey().isPresent() || fromReference.iamToken().isPresent());
    }

    @Test
    void referenceConfDocumentsEveryKeyTheCodeReads() {
        Config config = referenceConfig();
        assertEquals(List.of("api-key", "default-language", "enabled", "folder-id", "iam-token", "stt-base-url", "stt-topic",
                "timeout", "tts-base-url", "voice"), config.root().keySet().stream().sorted().toList());
        config.root().forEach((key, value) -> assertFalse(value.origin().comments().isEmpty(), key + " has a comment"));
    }

    @Test
    void readsEveryOverride() {
        YandexSettings s = YandexSettings.from(new ProviderSettings(SECTION, Map.of(
                "api-key", "k", "iam-token", "t", "folder-id", "b1gexamplefolder01", "stt-base-url", "http://localhost:8080/stt/",
                "tts-base-url", "http://localhost:8080/tts", "default-language", "kk", "voice", "Jane:Good",
                "stt-topic", "general:rc", "timeout", "5s")));

        assertEquals(URI.create("http://localhost:8080/stt"), s.sttBaseUrl());
        assertEquals(URI.create("http://localhost:8080/tts"), s.ttsBaseUrl());
        assertEquals("b1gexamplefolder01", s.folderId());
        assertEquals("kk-KZ", s.defaultLanguage());
        assertEquals(new YandexVoice("jane", "ru-RU", true, "good"), s.voice());
        assertEquals("general:rc", s.sttTopic());
        assertEquals(Duration.ofSeconds(5), s.timeout());
        assertEquals("k", s.credential().reveal(), "an API key is preferred to an IAM token");
    }

    @Test
    void anIamTokenWithAFolderIsTheCredentialWithoutAKey() {
        YandexSettings s = YandexSettings.from(new ProviderSettings(SECTION, Map.of("iam-token", "t1.abc", "folder-id", "b1gexample")));

        assertEquals("t1.abc", s.credential().reveal());
    }

    @Test
    void refusesInvalidValuesNamingTheKey() {
        assertTrue(message(Map.of("stt-base-url", "ftp://x")).startsWith(SECTION + ".stt-base-url = 'ftp://x'"));
        assertTrue(message(Map.of("tts-base-url", "nowhere")).startsWith(SECTION + ".tts-base-url = 'nowhere'"));
        assertTrue(message(Map.of("folder-id", "b1g folder")).startsWith(SECTION + ".folder-id = 'b1g folder'"));
        assertTrue(message(Map.of("folder-id", "f".repeat(51))).startsWith(SECTION + ".folder-id"));
        assertTrue(message(Map.of("iam-token", "t1.abc")).startsWith(SECTION + ".folder-id is empty"));
        assertTrue(message(Map.of("default-language", "ja-JP")).startsWith(SECTION + ".default-language = 'ja-JP'"));
        assertTrue(message(Map.of("default-language", "auto")).startsWith(SECTION + ".default-language = 'auto'"));
        assertTrue(message(Map.of("default-language", "not a tag!")).startsWith(SECTION + ".default-language = 'not a tag!'"));
        assertTrue(message(Map.of("voice", "alloy")).startsWith(SECTION + ".voice = 'alloy'"));
        assertTrue(message(Map.of("voice", "filipp:good")).startsWith(SECTION + ".voice = 'filipp:good'"));
        assertTrue(message(Map.of("stt-topic", "general rc")).startsWith(SECTION + ".stt-topic = 'general rc'"));
        assertTrue(message(Map.of("timeout", "-1s")).startsWith(SECTION + ".timeout"));
        assertTrue(message(Map.of("timeout", "0")).startsWith(SECTION + ".timeout"));
        assertTrue(message(Map.of("timeout", "soon")).startsWith(SECTION + ".timeout = 'soon'"));
    }

    @Test
    void maskedSettingsHideBothCredentials() {
        ProviderSettings settings = new ProviderSettings(SECTION, Map.of("api-key", TestingYandex.KEY, "iam-token", TestingYandex.IAM_TOKEN,
                "folder-id", TestingYandex.FOLDER));

        String shown = settings.masked() + " " + settings + " " + YandexSettings.from(settings);

        assertFalse(shown.contains(TestingYandex.KEY) || shown.contains(TestingYandex.IAM_TOKEN), shown);
        assertTrue(shown.contains(TestingYandex.FOLDER), "a folder ID is no secret");
    }

    private static String message(Map<String, String> values) {
        return assertThrows(IllegalArgumentException.class, () -> YandexSettings.from(new ProviderSettings(SECTION, values))).getMessage();
    }

    private static Config referenceConfig() {
        return ConfigFactory.parseURL(YandexPlugin.class.getResource("/reference.conf"))
                .resolve(ConfigResolveOptions.noSystem()).getConfig(SECTION);
    }

    /** The plugin's reference.conf section as the platform hands it over. */
    private static ProviderSettings reference() {
        Map<String, String> values = new TreeMap<>();
        referenceConfig().entrySet().forEach(e -> values.put(e.getKey(), String.valueOf(e.getValue().unwrapped())));
        return new ProviderSettings(SECTION, values);
    }
}
