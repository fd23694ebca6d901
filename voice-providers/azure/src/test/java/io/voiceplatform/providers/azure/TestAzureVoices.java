package io.voiceplatform.providers.azure;

import io.voiceplatform.api.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class TestAzureVoices {
    private final AzureVoices voices = AzureVoices.withExtra("extra-voices", List.of("en-US-AvaNeural", "pl-PL-ZofiaNeural"));
    private final AzureVoice jenny = voices.find("en-US-JennyNeural").orElseThrow();

    @Test
    void withoutANameSpeaksTheDefaultVoiceOrOneOfTheLanguage() {
        assertEquals("en-US-JennyNeural", resolve(null, Language.AUTO));
        assertEquals("en-US-JennyNeural", resolve(null, "en"));
        assertEquals("en-GB-SoniaNeural", resolve(null, "en-GB"));
        assertEquals("ru-RU-SvetlanaNeural", resolve(null, "ru"));
        assertEquals("pl-PL-ZofiaNeural", resolve(null, "pl-PL"));
        assertEquals("", resolve(null, "sw"));
    }

    @Test
    void mapsOpenAiNamesByCharacterAndLanguage() {
        assertEquals("en-US-JennyNeural", resolve("nova", Language.AUTO));
        assertEquals("en-US-GuyNeural", resolve("echo", Language.AUTO));
        assertEquals("uk-UA-OstapNeural", resolve("onyx", "uk-UA"));
        assertEquals("", resolve("alloy", "pl-PL"), "configured voices have no known character");
    }

    @Test
    void takesFullNamesInAnyCaseWhenTheLanguageFits() {
        assertEquals("de-DE-KatjaNeural", resolve("DE-de-katjaneural", "de"));
        assertEquals("", resolve("de-DE-KatjaNeural", "fr-FR"));
        assertEquals("", resolve("Katja", Language.AUTO));
    }

    @Test
    void listsNamesAndLocales() {
        assertTrue(voices.names().containsAll(List.of("en-US-JennyNeural", "en-US-AvaNeural", "alloy")));
        assertTrue(voices.locales().containsAll(List.of("en-US", "ru-RU", "pl-PL")));
    }

    private String resolve(String name, String language) {
        return voices.resolve(Optional.ofNullable(name), language, jenny).map(AzureVoice::name).orElse("");
    }
}
