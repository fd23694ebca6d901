package io.voiceplatform.providers.azure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(10)
class TestAzureLocales {
    private final AzureLocales locales = new AzureLocales(List.of("en-US", "en-GB", "ru-RU", "pt-BR"));

    @Test
    void sendsListedLocalesAsTheyAreAndBareLanguagesAsTheirFirstLocale() {
        assertEquals(Optional.of("en-GB"), locales.localeFor("en-gb"));
        assertEquals(Optional.of("en-US"), locales.localeFor("en"));
        assertEquals(Optional.of("ru-RU"), locales.localeFor("ru"));
    }

    @Test
    void hasNothingForUnlistedRegionsOrLanguages() {
        assertEquals(Optional.empty(), locales.localeFor("en-AU"));
        assertEquals(Optional.empty(), locales.localeFor("pt-PT"));
        assertEquals(Optional.empty(), locales.localeFor("ja"));
    }
}
