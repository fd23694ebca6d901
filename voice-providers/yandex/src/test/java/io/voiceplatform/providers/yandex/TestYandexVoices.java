package io.voiceplatform.providers.yandex;

import io.voiceplatform.api.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class TestYandexVoices {
    private static final YandexVoice ALENA = YandexVoices.find("alena").orElseThrow();

    @Test
    void findsVoicesByNameAndByNameWithARole() {
        assertEquals(new YandexVoice("alena", "ru-RU", true, ""), ALENA);
        assertEquals(Optional.of(new YandexVoice("jane", "ru-RU", true, "evil")), YandexVoices.find(" Jane:Evil "));
        assertEquals(Optional.of(new YandexVoice("john", "en-US", false, "")), YandexVoices.find("john"));
        assertEquals(Optional.of("kk-KK"), YandexVoices.find("madi").map(YandexVoice::language));
        assertTrue(YandexVoices.find("alena:evil").isEmpty(), "alena has no evil role");
        assertTrue(YandexVoices.find("john:good").isEmpty(), "roles are for Russian voices");
        assertTrue(YandexVoices.find("alloy").isEmpty(), "OpenAI names are mapped, not found");
    }

    @Test
    void withoutANameSpeaksTheDefaultVoiceOrOneOfTheLanguage() {
        assertEquals("alena", resolve(null, Language.AUTO));
        assertEquals("alena", resolve(null, "ru"));
        assertEquals("john", resolve(null, "en-GB"));
        assertEquals("lea", resolve(null, "de-DE"));
        assertEquals("", resolve(null, "tr-TR"));
    }

    @Test
    void mapsOpenAiVoiceNamesByTheTableThenByGender() {
        assertEquals("alena", resolve("alloy", Language.AUTO));
        assertEquals("alena", resolve("shimmer", "ru-RU"));
        assertEquals("jane", resolve("nova", "ru"));
        assertEquals("jane", resolve("coral", "ru"));
        assertEquals("omazh", resolve("sage", "ru"));
        assertEquals("filipp", resolve("onyx", "ru"));
        assertEquals("filipp", resolve("ash", "ru"));
        assertEquals("ermil", resolve("fable", "ru"));
        assertEquals("ermil", resolve("ballad", "ru"));
        assertEquals("zahar", resolve("echo", "ru"));
        assertEquals("madirus", resolve("verse", "ru"));
        assertEquals("madi", resolve("onyx", "kk-KZ"));
        assertEquals("amira", resolve("nova", "kk-KZ"));
        assertEquals("john", resolve("nova", "en-US"), "English has one voice, John");
        assertEquals("lea", resolve("onyx", "de"), "German has one voice, Lea");
        assertEquals("", resolve("alloy", "tr-TR"));
    }

    @Test
    void refusesAVoiceThatDoesNotSpeakTheLanguage() {
        assertEquals("", resolve("john", "ru-RU"));
        assertEquals("", resolve("kevin16", Language.AUTO));
        assertEquals("jane:good", YandexVoices.resolve(Optional.of("jane:good"), "ru-RU", ALENA).map(YandexVoice::id).orElse(""));
    }

    @Test
    void listsYandexNamesRolesAndOpenAiNames() {
        assertTrue(YandexVoices.names().containsAll(List.of("alena", "alena:good", "filipp", "ermil", "jane", "jane:evil", "madirus",
                "omazh", "zahar", "john", "lea", "naomi", "amira", "madi", "nigora", "alloy", "echo", "fable", "onyx", "nova",
                "shimmer", "ash", "coral", "sage", "ballad", "verse")));
        assertEquals(List.of("ru", "en", "de", "he", "kk", "uz"), YandexVoices.languages());
    }

    private static String resolve(String name, String language) {
        return YandexVoices.resolve(Optional.ofNullable(name), language, ALENA).map(YandexVoice::name).orElse("");
    }
}
