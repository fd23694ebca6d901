package io.voiceplatform.providers.google;

import io.voiceplatform.api.Language;
import io.voiceplatform.providers.google.GoogleVoice.Gender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class TestGoogleVoices {
    private static final String DEFAULT = "en-US-Wavenet-F";

    @Test
    void knowsGoogleVoiceNamesByTheirFamily() {
        for (String name : List.of("en-US-Standard-C", "en-US-Neural2-F", "ru-RU-Wavenet-A", "cmn-CN-Wavenet-B",
                "en-US-Studio-O", "en-US-Chirp-HD-D", "en-US-Chirp3-HD-Achernar", "en-US-Polyglot-1", "en-us-wavenet-f")) {
            assertTrue(GoogleVoices.isVoiceName(name), name);
        }
        for (String name : List.of("alloy", "en-US-JennyNeural", "aura-asteria-en", "en-US-Wavenet", "Wavenet-F", "en-US-Wavenet-F-")) {
            assertFalse(GoogleVoices.isVoiceName(name), name);
        }
        assertEquals("cmn-CN", GoogleVoices.locale("cmn-CN-Wavenet-B"));
    }

    @ParameterizedTest(name = "{0} in {1} is {2}")
    @CsvSource({
            "alloy, en-US, en-US-Wavenet-C", "nova, en-US, en-US-Wavenet-E", "shimmer, en-US, en-US-Wavenet-F",
            "coral, en-US, en-US-Wavenet-G", "sage, en-US, en-US-Wavenet-H",
            "echo, en-US, en-US-Wavenet-A", "onyx, en-US, en-US-Wavenet-B", "fable, en-US, en-US-Wavenet-D",
            "ash, en-US, en-US-Wavenet-I", "ballad, en-US, en-US-Wavenet-J", "verse, en-US, en-US-Wavenet-A",
            "alloy, ru, ru-RU-Wavenet-A", "nova, ru-RU, ru-RU-Wavenet-C", "sage, ru-RU, ru-RU-Wavenet-C",
            "echo, ru, ru-RU-Wavenet-B", "onyx, ru, ru-RU-Wavenet-D",
            "onyx, uk, uk-UA-Wavenet-A", "alloy, zh, cmn-CN-Wavenet-A", "Echo, de, de-DE-Wavenet-B",
            "alloy, auto, en-US-Wavenet-C"})
    void mapsOpenAiNamesByGenderAndPositionInTheLanguage(String openAi, String language, String expected) {
        assertEquals(expected, resolve(openAi, language).name().orElseThrow());
    }

    @Test
    void withoutANameSpeaksTheDefaultVoiceOrTheLanguagesFirst() {
        assertEquals(Optional.of(DEFAULT), resolve(null, Language.AUTO).name());
        assertEquals(Optional.of(DEFAULT), resolve(null, "en").name());
        assertEquals(Optional.of(DEFAULT), resolve(null, "en-US").name());
        assertEquals(Optional.of("en-GB-Wavenet-A"), resolve(null, "en-GB").name());
        assertEquals(Optional.of("ru-RU-Wavenet-A"), resolve(null, "ru").name());
        assertEquals("ru-RU", resolve(null, "ru").languageCode());
    }

    @Test
    void sendsAGoogleVoiceAsGivenWhenItSpeaksTheLanguage() {
        assertEquals(GoogleVoice.named("en-US-Chirp3-HD-Aoede", "en-US"), resolve("en-US-Chirp3-HD-Aoede", "en"));
        assertEquals(GoogleVoice.named("cmn-CN-Wavenet-B", "cmn-CN"), resolve("cmn-CN-Wavenet-B", "zh-CN"));
        assertEquals(GoogleVoice.named("bn-IN-Wavenet-A", "bn-IN"), resolve("bn-IN-Wavenet-A", Language.AUTO));
        assertEquals(Optional.empty(), GoogleVoices.resolve(Optional.of("en-US-Wavenet-F"), "ru", DEFAULT, GoogleLanguages.TTS));
        assertEquals(Optional.empty(), GoogleVoices.resolve(Optional.of("en-US-Wavenet-F"), "en-GB", DEFAULT, GoogleLanguages.TTS));
    }

    @Test
    void aLanguageWithoutBuiltInVoicesIsSentByCodeAndGender() {
        List<String> offered = List.of("bn-IN");
        assertEquals(new GoogleVoice("bn-IN", Optional.empty(), Optional.of(Gender.FEMALE)),
                GoogleVoices.resolve(Optional.of("nova"), "bn", DEFAULT, offered).orElseThrow());
        assertEquals(new GoogleVoice("bn-IN", Optional.empty(), Optional.empty()),
                GoogleVoices.resolve(Optional.empty(), "bn-IN", DEFAULT, offered).orElseThrow());
    }

    @Test
    void refusesNamesOfNeitherKindAndLanguagesNotOffered() {
        assertEquals(Optional.empty(), GoogleVoices.resolve(Optional.of("kevin16"), "en", DEFAULT, GoogleLanguages.TTS));
        assertEquals(Optional.empty(), GoogleVoices.resolve(Optional.of("alloy"), "sw", DEFAULT, GoogleLanguages.TTS));
        assertEquals(Optional.empty(), GoogleVoices.resolve(Optional.empty(), "en-ZA", DEFAULT, GoogleLanguages.TTS));
    }

    @Test
    void theBuiltInVoicesSpeakExactlyTheDefaultTtsLanguages() {
        assertEquals(GoogleLanguages.TTS.stream().sorted().toList(), GoogleVoices.builtInLanguages().stream().sorted().toList());
        assertEquals(List.of("alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer", "verse"),
                GoogleVoices.openAiNames());
    }

    private static GoogleVoice resolve(String name, String language) {
        return GoogleVoices.resolve(Optional.ofNullable(name), language, DEFAULT, GoogleLanguages.TTS).orElseThrow();
    }
}
