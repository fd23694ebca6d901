package io.voiceplatform.providers.google;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValueType;
import io.voiceplatform.api.plugin.ProviderSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class TestGoogleSettings {
    @TempDir
    Path dir;

    @Test
    void referenceConfDeclaresTheDefaultsTheCodeFallsBackTo() {
        ProviderSettings reference = reference();
        GoogleSettings fromReference = GoogleSettings.from(reference);
        GoogleSettings fromNothing = GoogleSettings.from(new ProviderSettings(reference.section(), Map.of()));

        assertEquals(fromNothing, fromReference);
        assertEquals(URI.create("https://speech.googleapis.com"), fromReference.sttBaseUrl());
        assertEquals(URI.create("https://texttospeech.googleapis.com"), fromReference.ttsBaseUrl());
        assertEquals("default", fromReference.sttModel());
        assertEquals(GoogleLanguages.STT, fromReference.sttLanguages());
        assertEquals(GoogleLanguages.TTS, fromReference.ttsLanguages());
        assertEquals("en-US", fromReference.defaultLanguage());
        assertEquals("en-US-Wavenet-F", fromReference.ttsVoice());
        assertEquals(Duration.ofSeconds(30), fromReference.timeout());
        assertFalse(reference.getBoolean("enabled", true), "off unless asked for");
        assertFalse(reference.getSecret("api-key").isPresent());
        assertEquals(Optional.empty(), fromReference.credentialsFile());
    }

    @Test
    void readsEveryOverride() throws IOException {
        Path file = Files.writeString(dir.resolve("sa.json"), "{}");
        GoogleSettings s = GoogleSettings.from(new ProviderSettings("voice.providers.google", Map.of(
                "credentials-file", file.toString(), "stt-base-url", "http://localhost:8080/speech/",
                "tts-base-url", "http://localhost:8080/tts", "stt-model", "latest_long", "stt-languages", "ru-RU, en-gb",
                "tts-languages", "ru-RU", "default-language", "ru", "tts-voice", "ru-RU-Wavenet-A", "timeout", "5s")));

        assertEquals(Optional.of(file), s.credentialsFile());
        assertFalse(s.apiKey().isPresent());
        assertEquals(URI.create("http://localhost:8080/speech"), s.sttBaseUrl());
        assertEquals(URI.create("http://localhost:8080/tts"), s.ttsBaseUrl());
        assertEquals("latest_long", s.sttModel());
        assertEquals(List.of("ru-RU", "en-GB"), s.sttLanguages());
        assertEquals(List.of("ru-RU"), s.ttsLanguages());
        assertEquals("ru-RU", s.defaultLanguage());
        assertEquals("ru-RU-Wavenet-A", s.ttsVoice());
        assertEquals(Duration.ofSeconds(5), s.timeout());
    }

    @Test
    void anApiKeyLeavesTheKeyFileUnread() {
        GoogleSettings s = GoogleSettings.from(new ProviderSettings("voice.providers.google", Map.of(
                "api-key", "AIza-settings-key-0123456789", "credentials-file", dir.resolve("nowhere.json").toString())));

        assertEquals("AIza-settings-key-0123456789", s.apiKey().reveal());
        assertEquals(Optional.empty(), s.credentialsFile());
        assertFalse(s.toString().contains("AIza-settings-key-0123456789"), s.toString());
    }

    @Test
    void refusesInvalidValuesNamingTheKey() {
        assertTrue(message(Map.of("stt-base-url", "ftp://x")).startsWith("voice.providers.google.stt-base-url = 'ftp://x'"));
        assertTrue(message(Map.of("tts-base-url", "speech")).startsWith("voice.providers.google.tts-base-url = 'speech'"));
        assertTrue(message(Map.of("stt-languages", ",")).startsWith("voice.providers.google.stt-languages is empty"));
        assertTrue(message(Map.of("tts-languages", "en-US,not a tag")).startsWith("voice.providers.google.tts-languages entry = 'not a tag'"));
        assertTrue(message(Map.of("default-language", "sw-KE"))
                .startsWith("voice.providers.google.default-language = 'sw-KE' is not one of stt-languages"));
        assertTrue(message(Map.of("default-language", "auto")).startsWith("voice.providers.google.default-language = 'auto'"));
        assertTrue(message(Map.of("tts-voice", "alloy")).startsWith("voice.providers.google.tts-voice = 'alloy'"));
        assertTrue(message(Map.of("tts-voice", "en-US-JennyNeural")).startsWith("voice.providers.google.tts-voice = 'en-US-JennyNeural'"));
        assertTrue(message(Map.of("timeout", "0s")).startsWith("voice.providers.google.timeout"));
        assertTrue(message(Map.of("timeout", "soon")).startsWith("voice.providers.google.timeout = 'soon'"));
        String missing = dir.resolve("missing.json").toString();
        assertTrue(message(Map.of("credentials-file", missing))
                .startsWith("voice.providers.google.credentials-file = '" + missing + "' is not a readable file"));
        assertTrue(message(Map.of("credentials-file", dir.toString())).startsWith("voice.providers.google.credentials-file"));
    }

    private static String message(Map<String, String> values) {
        return assertThrows(IllegalArgumentException.class,
                () -> GoogleSettings.from(new ProviderSettings("voice.providers.google", values))).getMessage();
    }

    /** The plugin's reference.conf section as the platform hands it over: lists joined by commas. */
    private static ProviderSettings reference() {
        Config config = ConfigFactory.parseURL(GooglePlugin.class.getResource("/reference.conf"))
                .resolve(ConfigResolveOptions.noSystem()).getConfig("voice.providers.google");
        Map<String, String> values = new TreeMap<>();
        config.entrySet().forEach(e -> values.put(e.getKey(), e.getValue().valueType() == ConfigValueType.LIST
                ? ((List<?>) e.getValue().unwrapped()).stream().map(String::valueOf).collect(Collectors.joining(","))
                : String.valueOf(e.getValue().unwrapped())));
        return new ProviderSettings("voice.providers.google", values);
    }
}
