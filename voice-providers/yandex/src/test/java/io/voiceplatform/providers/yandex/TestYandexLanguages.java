package io.voiceplatform.providers.yandex;

import io.voiceplatform.api.ProviderCapabilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class TestYandexLanguages {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"ru-RU, ru-RU", "ru, ru-RU", "RU-ru, ru-RU", "en, en-US", "en-US, en-US", "en-GB, en-US", "tr-TR, tr-TR",
            "tr, tr-TR", "kk-KK, kk-KZ", "kk-KZ, kk-KZ", "kk, kk-KZ", "uz-UZ, uz-UZ", "de-DE, de-DE", "de-AT, de-DE",
            "he-IL, he-IL", "pt-BR, pt-BR", "pt-PT, pt-PT", "pt, pt-PT", "fi, fi-FI", "sv-SE, sv-SE"})
    void sendsEachTagAsYandexsCode(String tag, String code) {
        assertEquals(Optional.of(code), YandexLanguages.code(tag));
    }

    @Test
    void hasNoCodeForLanguagesWithoutAModel() {
        assertEquals(Optional.empty(), YandexLanguages.code("ja-JP"));
        assertEquals(Optional.empty(), YandexLanguages.code("uk"));
        assertEquals(Optional.empty(), YandexLanguages.code("tlh"));
    }

    @Test
    void offersWhatItSendsAndNothingElse() {
        ProviderCapabilities capabilities = ProviderCapabilities.builder()
                .languages(YandexLanguages.offered().toArray(String[]::new)).build();

        for (String tag : new String[]{"ru", "ru-RU", "en-GB", "kk-KK", "kk-KZ", "pt-BR", "uz", "auto"}) {
            assertTrue(capabilities.supportsLanguage(tag), tag);
        }
        for (String tag : new String[]{"ja-JP", "uk-UA", "zh"}) {
            assertFalse(capabilities.supportsLanguage(tag), tag);
            assertTrue(YandexLanguages.code(tag).isEmpty(), tag);
        }
        assertTrue(YandexLanguages.offered().containsAll(YandexLanguages.CODES));
    }
}
