package io.voiceplatform.providers.elevenlabs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.Language;
import io.voiceplatform.api.TimedText;
import io.voiceplatform.api.TimestampDetail;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.VoiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static io.voiceplatform.providers.testkit.MockProviderServer.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class TestElevenLabsTranscriptReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTextDurationAndOnlyRealWords() throws IOException {
        Transcript t = ElevenLabsTranscriptReader.read(JSON.readTree(fixture("stt-success.json")),
                TimestampDetail.WORD, Language.AUTO, "scribe_v1");

        assertEquals("Hello world!", t.text());
        assertEquals("en", t.language());
        assertEquals(Duration.ofMillis(1400), t.duration());
        assertEquals(List.of(new TimedText(0.0, 0.5, "Hello"), new TimedText(0.9, 1.4, "world!")), t.words());
        assertTrue(t.confidence().isEmpty(), "language_probability is not a transcript confidence");
        assertEquals("elevenlabs", t.provider());
        assertEquals("scribe_v1", t.model());
    }

    @Test
    void reportsAThreeLetterLanguageByItsTwoLetterCodeUnlessOneWasAskedFor() throws IOException {
        String body = fixture("stt-success-iso639-3.json");

        assertEquals("ru", ElevenLabsTranscriptReader.read(JSON.readTree(body), TimestampDetail.NONE, Language.AUTO, "scribe_v1").language());
        assertEquals("ru-RU", ElevenLabsTranscriptReader.read(JSON.readTree(body), TimestampDetail.NONE, "ru-RU", "scribe_v1").language());
        assertTrue(ElevenLabsTranscriptReader.read(JSON.readTree(body), TimestampDetail.NONE, "ru-RU", "scribe_v1").words().isEmpty());
    }

    @Test
    void anAnswerWithoutTextIsAProviderError() {
        VoiceException e = assertThrows(VoiceException.class, () -> ElevenLabsTranscriptReader.read(
                JSON.readTree("{\"language_code\": \"en\"}"), TimestampDetail.NONE, Language.AUTO, "scribe_v1"));

        assertEquals(ErrorKind.PROVIDER_ERROR, e.kind());
    }
}
