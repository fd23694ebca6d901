package io.voiceplatform.providers.deepgram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(10)
class TestDeepgramLanguages {
    @Test
    void keepsRegionsDeepgramHasAModelFor() {
        assertEquals(Optional.of("en-GB"), DeepgramLanguages.code("en-GB"));
        assertEquals(Optional.of("pt-BR"), DeepgramLanguages.code("pt-br"));
        assertEquals(Optional.of("es-419"), DeepgramLanguages.code("es-419"));
    }

    @Test
    void sendsOtherRegionsAsTheirLanguage() {
        assertEquals(Optional.of("ru"), DeepgramLanguages.code("ru-RU"));
        assertEquals(Optional.of("en"), DeepgramLanguages.code("en-ZA"));
        assertEquals(Optional.of("de"), DeepgramLanguages.code("de"));
    }

    @Test
    void hasNoCodeForLanguagesWithoutAModel() {
        assertEquals(Optional.empty(), DeepgramLanguages.code("sw-KE"));
        assertEquals(Optional.empty(), DeepgramLanguages.code("kk"));
    }
}
