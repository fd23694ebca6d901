package io.voiceplatform.providers.yandex;

import io.voiceplatform.providers.testkit.MockProviderServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.VoiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class TestYandexTranscriptReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTheResultWithTheLanguageAndLengthSent() throws IOException {
        Transcript t = YandexTranscriptReader.read(fixture("recognize-success.json"), "ru-RU", Duration.ofMillis(1500), "general");

        assertEquals("привет мир", t.text());
        assertEquals("ru-RU", t.language());
        assertEquals(Duration.ofMillis(1500), t.duration());
        assertTrue(t.confidence().isEmpty());
        assertTrue(t.words().isEmpty() && t.segments().isEmpty());
        assertEquals("yandex", t.provider());
        assertEquals("general", t.model());
    }

    @Test
    void silenceIsAnEmptyTranscript() throws IOException {
        assertEquals("", YandexTranscriptReader.read(fixture("recognize-silence.json"), "ru-RU", Duration.ZERO, "general").text());
    }

    @Test
    void anAnswerWithoutAResultTextIsAProviderError() throws IOException {
        for (String body : new String[]{"{}", "{\"result\": null}", "{\"result\": [\"a\"]}", "{\"error_code\": \"BAD_REQUEST\"}"}) {
            JsonNode root = JSON.readTree(body);
            VoiceException e = assertThrows(VoiceException.class, () -> YandexTranscriptReader.read(root, "ru-RU", Duration.ZERO, "general"));
            assertEquals(ErrorKind.PROVIDER_ERROR, e.kind(), body);
        }
    }

    private static JsonNode fixture(String name) throws IOException {
        return JSON.readTree(MockProviderServer.fixture(name));
    }
}
