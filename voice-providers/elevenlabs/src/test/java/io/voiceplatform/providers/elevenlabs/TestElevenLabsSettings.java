package io.voiceplatform.providers.elevenlabs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValueType;
import io.voiceplatform.api.plugin.ProviderSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
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
class TestElevenLabsSettings {
    @Test
    void referenceConfDeclaresTheDefaultsTheCodeFallsBackTo() {
        ProviderSettings reference = reference();
        ElevenLabsSettings fromReference = ElevenLabsSettings.from(reference);
        ElevenLabsSettings fromNothing = ElevenLabsSettings.from(new ProviderSettings(reference.section(), Map.of()));

        assertEquals(fromNothing, fromReference);
        assertEquals(URI.create("https://api.elevenlabs.io"), fromReference.baseUrl());
        assertEquals(List.of("scribe_v1", "scribe_v2"), fromReference.sttModels());
        assertEquals("eleven_multilingual_v2", fromReference.ttsModels().get(0));
        assertEquals("JBFqnCBsd6RMkjVDRZzb", fromReference.defaultVoice());
        assertFalse(fromReference.streaming());
        assertEquals(Duration.ofSeconds(60), fromReference.timeout());
        assertFalse(reference.getBoolean("enabled", true), "off unless asked for");
    }

    @Test
    void readsEveryOverride() {
        ElevenLabsSettings s = ElevenLabsSettings.from(new ProviderSettings("voice.providers.elevenlabs", Map.of(
                "api-key", "xi-settings-key-0123456789", "base-url", "https://proxy.example/eleven", "stt-models", "scribe_v2",
                "tts-models", "eleven_flash_v2_5", "tts-voice", "narrator", "voices", "narrator=AZnzlk1XvdvUeBnXmlld",
                "streaming", "yes", "timeout", "15s")));

        assertEquals(URI.create("https://proxy.example/eleven"), s.baseUrl());
        assertEquals(List.of("scribe_v2"), s.sttModels());
        assertEquals(List.of("eleven_flash_v2_5"), s.ttsModels());
        assertEquals("AZnzlk1XvdvUeBnXmlld", s.defaultVoice());
        assertEquals(Optional.of("AZnzlk1XvdvUeBnXmlld"), s.voices().idOf("Narrator"));
        assertTrue(s.streaming());
        assertEquals(Duration.ofSeconds(15), s.timeout());
        assertFalse(s.toString().contains("xi-settings-key-0123456789"), s.toString());
    }

    @Test
    void refusesInvalidValuesNamingTheKey() {
        assertTrue(message(Map.of("base-url", "not a url")).startsWith("voice.providers.elevenlabs.base-url = 'not a url'"));
        assertTrue(message(Map.of("tts-models", ",")).startsWith("voice.providers.elevenlabs.tts-models"));
        assertTrue(message(Map.of("voices", "george")).startsWith("voice.providers.elevenlabs.voices entry 'george'"));
        assertTrue(message(Map.of("voices", "george=short")).startsWith("voice.providers.elevenlabs.voices entry 'george=short'"));
        assertTrue(message(Map.of("tts-voice", "alloy", "voices", "george=JBFqnCBsd6RMkjVDRZzb"))
                .startsWith("voice.providers.elevenlabs.tts-voice = 'alloy'"));
        assertTrue(message(Map.of("streaming", "maybe")).startsWith("voice.providers.elevenlabs.streaming = 'maybe'"));
        assertTrue(message(Map.of("timeout", "0")).startsWith("voice.providers.elevenlabs.timeout"));
    }

    private static String message(Map<String, String> values) {
        return assertThrows(IllegalArgumentException.class,
                () -> ElevenLabsSettings.from(new ProviderSettings("voice.providers.elevenlabs", values))).getMessage();
    }

    /** The plugin's reference.conf section as the platform hands it over: lists joined by commas. */
    private static ProviderSettings reference() {
        Config config = ConfigFactory.parseURL(ElevenLabsPlugin.class.getResource("/reference.conf"))
                .resolve(ConfigResolveOptions.noSystem()).getConfig("voice.providers.elevenlabs");
        Map<String, String> values = new TreeMap<>();
        config.entrySet().forEach(e -> values.put(e.getKey(), e.getValue().valueType() == ConfigValueType.LIST
                ? ((List<?>) e.getValue().unwrapped()).stream().map(String::valueOf).collect(Collectors.joining(","))
                : String.valueOf(e.getValue().unwrapped())));
        return new ProviderSettings("voice.providers.elevenlabs", values);
    }
}
