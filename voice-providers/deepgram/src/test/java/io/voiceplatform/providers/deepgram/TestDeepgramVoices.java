package io.voiceplatform.providers.deepgram;

import io.voiceplatform.api.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class TestDeepgramVoices {
    private static final DeepgramVoice ASTERIA = DeepgramVoices.find("aura-asteria-en").orElseThrow();

    @Test
    void findsVoicesByModelIdAndAura1ShortName() {
        assertEquals("aura-asteria-en", ASTERIA.model());
        assertEquals(Optional.of("aura-zeus-en"), DeepgramVoices.find("Zeus").map(DeepgramVoice::model));
        assertEquals(Optional.of("aura-2-thalia-en"), DeepgramVoices.find("aura-2-thalia-en").map(DeepgramVoice::model));
        assertTrue(DeepgramVoices.find("thalia").isEmpty(), "Aura-2 voices go by model id only");
        assertTrue(DeepgramVoices.find("kevin16").isEmpty());
    }

    @Test
    void withoutANameSpeaksTheDefaultVoiceOrOneOfTheLanguage() {
        assertEquals("aura-asteria-en", resolve(null, Language.AUTO));
        assertEquals("aura-asteria-en", resolve(null, "en-GB"));
        assertEquals("aura-2-celeste-es", resolve(null, "es-MX"));
        assertEquals("", resolve(null, "ru-RU"));
    }

    @Test
    void mapsOpenAiVoiceNamesByCharacterAndLanguage() {
        assertEquals("aura-asteria-en", resolve("alloy", Language.AUTO));
        assertEquals("aura-orion-en", resolve("onyx", "en-US"));
        assertEquals("aura-2-nestor-es", resolve("echo", "es"));
        assertEquals("aura-2-celeste-es", resolve("shimmer", "es"));
    }

    @Test
    void refusesAVoiceThatDoesNotSpeakTheLanguage() {
        assertEquals("", resolve("asteria", "es"));
        assertEquals("aura-2-nestor-es", resolve("aura-2-nestor-es", "es-ES"));
    }

    @Test
    void listsModelIdsShortNamesAndOpenAiNames() {
        assertTrue(DeepgramVoices.names().containsAll(List.of("aura-asteria-en", "asteria", "aura-2-thalia-en", "alloy", "onyx")));
        assertEquals(List.of("en", "es"), DeepgramVoices.languages());
    }

    private static String resolve(String name, String language) {
        return DeepgramVoices.resolve(Optional.ofNullable(name), language, ASTERIA).map(DeepgramVoice::model).orElse("");
    }
}
