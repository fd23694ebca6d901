package io.voiceplatform.providers.google;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(10)
class TestGoogleLanguages {
    @Test
    void findsTheListedLocaleOrTheFirstOfABareLanguage() {
        assertEquals(Optional.of("en-GB"), GoogleLanguages.find(GoogleLanguages.STT, "en-gb"));
        assertEquals(Optional.of("en-US"), GoogleLanguages.find(GoogleLanguages.STT, "en"));
        assertEquals(Optional.of("ru-RU"), GoogleLanguages.find(GoogleLanguages.STT, "ru"));
        assertEquals(Optional.of("pt-BR"), GoogleLanguages.find(GoogleLanguages.STT, "pt"));
        assertEquals(Optional.of("zh-CN"), GoogleLanguages.find(GoogleLanguages.STT, "zh"));
    }

    @Test
    void doesNotServeARegionThatIsNotListed() {
        assertEquals(Optional.empty(), GoogleLanguages.find(GoogleLanguages.STT, "en-ZA"));
        assertEquals(Optional.empty(), GoogleLanguages.find(GoogleLanguages.STT, "sw"));
        assertEquals(Optional.empty(), GoogleLanguages.find(List.of("ru-RU"), "en"));
    }

    @Test
    void namesMandarinAsEachServiceDoes() {
        assertEquals("cmn-Hans-CN", GoogleLanguages.sttCode("zh-CN"));
        assertEquals("cmn-Hant-TW", GoogleLanguages.sttCode("zh-TW"));
        assertEquals("cmn-CN", GoogleLanguages.ttsCode("zh-CN"));
        assertEquals("ru-RU", GoogleLanguages.sttCode("ru-RU"));
        assertEquals("ru-RU", GoogleLanguages.ttsCode("ru-RU"));
    }

    @Test
    void readsGooglesCodesBackAsPlatformTags() {
        assertEquals("en-US", GoogleLanguages.platformTag("en-us"));
        assertEquals("zh-CN", GoogleLanguages.platformTag("cmn-hans-cn"));
        assertEquals("zh-CN", GoogleLanguages.platformTag("cmn-CN"));
        assertEquals("zh-TW", GoogleLanguages.platformTag("cmn-TW"));
        assertEquals("ar-XA", GoogleLanguages.platformTag("ar-XA"));
        assertEquals("not a code!", GoogleLanguages.platformTag("not a code!"));
    }
}
