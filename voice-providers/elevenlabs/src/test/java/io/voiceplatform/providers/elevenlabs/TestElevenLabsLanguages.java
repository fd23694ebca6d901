package io.voiceplatform.providers.elevenlabs;

import io.voiceplatform.api.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class TestElevenLabsLanguages {
    @Test
    void sendsTheLanguageSubtagToScribe() {
        assertEquals(Optional.of("ru"), ElevenLabsLanguages.transcriptionCode("ru-RU"));
        assertEquals(Optional.of("pt"), ElevenLabsLanguages.transcriptionCode("pt-BR"));
        assertEquals(Optional.empty(), ElevenLabsLanguages.transcriptionCode("kk-KZ"));
    }

    @Test
    void eachModelSpeaksItsLanguages() {
        assertTrue(ElevenLabsLanguages.speaks("eleven_multilingual_v2", "fil-PH"));
        assertTrue(ElevenLabsLanguages.speaks("eleven_multilingual_v2", Language.AUTO));
        assertFalse(ElevenLabsLanguages.speaks("eleven_multilingual_v2", "vi"));
        assertTrue(ElevenLabsLanguages.speaks("eleven_flash_v2_5", "vi"));
        assertFalse(ElevenLabsLanguages.speaks("eleven_flash_v2_5", "kk"));
    }

    @Test
    void onlyTheV25ModelsTakeALanguageCode() {
        assertTrue(ElevenLabsLanguages.enforcesLanguage("eleven_turbo_v2_5"));
        assertFalse(ElevenLabsLanguages.enforcesLanguage("eleven_multilingual_v2"));
    }

    @Test
    void listsTheLanguagesOfTheOfferedModels() {
        assertEquals(29, ElevenLabsLanguages.synthesis(List.of("eleven_multilingual_v2")).size());
        assertEquals(32, ElevenLabsLanguages.synthesis(List.of("eleven_multilingual_v2", "eleven_flash_v2_5")).size());
    }
}
