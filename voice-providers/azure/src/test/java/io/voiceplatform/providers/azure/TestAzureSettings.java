package io.voiceplatform.providers.azure;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValueType;
import io.voiceplatform.api.plugin.ProviderSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class TestAzureSettings {
    @Test
    void referenceConfDeclaresTheDefaultsTheCodeFallsBackTo() {
        Map<String, String> reference = reference();
        reference.put("region", "westeurope");
        AzureSettings fromReference = AzureSettings.from(new ProviderSettings("voice.providers.azure", reference));
        AzureSettings fromNothing = AzureSettings.from(new ProviderSettings("voice.providers.azure", Map.of("region", "westeurope")));

        assertEquals(fromNothing, fromReference);
        assertEquals(URI.create("https://westeurope.stt.speech.microsoft.com"), fromReference.sttBaseUrl());
        assertEquals(URI.create("https://westeurope.tts.speech.microsoft.com"), fromReference.ttsBaseUrl());
        assertEquals("en-US", fromReference.sttDefaultLanguage());
        assertEquals("en-US-JennyNeural", fromReference.defaultVoice().name());
        assertEquals(Duration.ofSeconds(30), fromReference.timeout());
        assertTrue(fromReference.sttLocales().locales().contains("ru-RU"));
        assertEquals("false", reference.get("enabled"), "off unless asked for");
    }

    @Test
    void readsEveryOverride() {
        AzureSettings s = AzureSettings.from(new ProviderSettings("voice.providers.azure", Map.of(
                "api-key", "az-settings-key-0123456789", "region", "eastus", "stt-base-url", "http://localhost:9000/stt",
                "stt-languages", "de-DE,fr-FR", "stt-default-language", "fr", "tts-voice", "en-US-AvaNeural",
                "extra-voices", "en-US-AvaNeural", "timeout", "3s")));

        assertEquals(URI.create("http://localhost:9000/stt"), s.sttBaseUrl());
        assertEquals(URI.create("https://eastus.tts.speech.microsoft.com"), s.ttsBaseUrl());
        assertEquals(List.of("de-DE", "fr-FR"), s.sttLocales().locales());
        assertEquals("fr-FR", s.sttDefaultLanguage());
        assertEquals("en-US-AvaNeural", s.defaultVoice().name());
        assertEquals(Duration.ofSeconds(3), s.timeout());
        assertFalse(s.toString().contains("az-settings-key-0123456789"), s.toString());
    }

    @Test
    void refusesInvalidValuesNamingTheKey() {
        assertTrue(message(Map.of()).startsWith("voice.providers.azure.region is empty"));
        assertTrue(message(Map.of("region", "west europe")).startsWith("voice.providers.azure.region = 'west europe'"));
        assertTrue(message(Map.of("region", "evil.com/")).startsWith("voice.providers.azure.region = 'evil.com/'"));
        assertTrue(message(Map.of("region", "eastus", "tts-base-url", "x")).startsWith("voice.providers.azure.tts-base-url = 'x'"));
        assertTrue(message(Map.of("region", "eastus", "stt-default-language", "ja-JP", "stt-languages", "en-US"))
                .startsWith("voice.providers.azure.stt-default-language = 'ja-JP'"));
        assertTrue(message(Map.of("region", "eastus", "tts-voice", "en-US-AvaNeural"))
                .startsWith("voice.providers.azure.tts-voice = 'en-US-AvaNeural'"));
        assertTrue(message(Map.of("region", "eastus", "extra-voices", "Ava")).startsWith("voice.providers.azure.extra-voices entry 'Ava'"));
        assertTrue(message(Map.of("region", "eastus", "timeout", "0s")).startsWith("voice.providers.azure.timeout"));
    }

    private static String message(Map<String, String> values) {
        return assertThrows(IllegalArgumentException.class,
                () -> AzureSettings.from(new ProviderSettings("voice.providers.azure", values))).getMessage();
    }

    /** The plugin's reference.conf section as the platform hands it over: lists joined by commas. */
    private static Map<String, String> reference() {
        Config config = ConfigFactory.parseURL(AzurePlugin.class.getResource("/reference.conf"))
                .resolve(ConfigResolveOptions.noSystem()).getConfig("voice.providers.azure");
        Map<String, String> values = new TreeMap<>();
        config.entrySet().forEach(e -> values.put(e.getKey(), e.getValue().valueType() == ConfigValueType.LIST
                ? ((List<?>) e.getValue().unwrapped()).stream().map(String::valueOf).collect(Collectors.joining(","))
                : String.valueOf(e.getValue().unwrapped())));
        return new HashMap<>(values);
    }
}
