package io.voiceplatform.providers.deepgram;

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
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class TestDeepgramSettings {
    @Test
    void referenceConfDeclaresTheDefaultsTheCodeFallsBackTo() {
        ProviderSettings reference = reference();
        DeepgramSettings fromReference = DeepgramSettings.from(reference);
        DeepgramSettings fromNothing = DeepgramSettings.from(new ProviderSettings(reference.section(), Map.of()));

        assertEquals(fromNothing, fromReference);
        assertEquals(URI.create("https://api.deepgram.com"), fromReference.baseUrl());
        assertEquals(List.of("nova-2", "nova-3", "nova", "enhanced", "base"), fromReference.sttModels());
        assertEquals("aura-asteria-en", fromReference.ttsVoice().model());
        assertEquals(Duration.ofSeconds(30), fromReference.timeout());
        assertFalse(reference.getBoolean("enabled", true), "off unless asked for");
        assertFalse(reference.getSecret("api-key").isPresent());
    }

    @Test
    void readsEveryOverride() {
        DeepgramSettings s = DeepgramSettings.from(new ProviderSettings("voice.providers.deepgram", Map.of(
                "api-key", "dg-settings-key-0123456789", "base-url", "http://localhost:8080/deepgram/", "stt-models", "nova-3,base",
                "tts-voice", "aura-2-thalia-en", "timeout", "5s")));

        assertEquals(URI.create("http://localhost:8080/deepgram"), s.baseUrl());
        assertEquals(List.of("nova-3", "base"), s.sttModels());
        assertEquals("nova-3", s.defaultSttModel());
        assertEquals("aura-2-thalia-en", s.ttsVoice().model());
        assertEquals(Duration.ofSeconds(5), s.timeout());
        assertEquals("dg-settings-key-0123456789", s.apiKey().reveal());
        assertFalse(s.toString().contains("dg-settings-key-0123456789"), s.toString());
    }

    @Test
    void refusesInvalidValuesNamingTheKey() {
        assertTrue(message(Map.of("base-url", "ftp://x")).startsWith("voice.providers.deepgram.base-url = 'ftp://x'"));
        assertTrue(message(Map.of("stt-models", ",")).startsWith("voice.providers.deepgram.stt-models"));
        assertTrue(message(Map.of("tts-voice", "alloy")).startsWith("voice.providers.deepgram.tts-voice = 'alloy'"));
        assertTrue(message(Map.of("timeout", "-1s")).startsWith("voice.providers.deepgram.timeout"));
        assertTrue(message(Map.of("timeout", "soon")).startsWith("voice.providers.deepgram.timeout = 'soon'"));
    }

    private static String message(Map<String, String> values) {
        return assertThrows(IllegalArgumentException.class,
                () -> DeepgramSettings.from(new ProviderSettings("voice.providers.deepgram", values))).getMessage();
    }

    /** The plugin's reference.conf section as the platform hands it over: lists joined by commas. */
    private static ProviderSettings reference() {
        Config config = ConfigFactory.parseURL(DeepgramPlugin.class.getResource("/reference.conf"))
                .resolve(ConfigResolveOptions.noSystem()).getConfig("voice.providers.deepgram");
        Map<String, String> values = new TreeMap<>();
        config.entrySet().forEach(e -> values.put(e.getKey(), e.getValue().valueType() == ConfigValueType.LIST
                ? ((List<?>) e.getValue().unwrapped()).stream().map(String::valueOf).collect(Collectors.joining(","))
                : String.valueOf(e.getValue().unwrapped())));
        return new ProviderSettings("voice.providers.deepgram", values);
    }
}
