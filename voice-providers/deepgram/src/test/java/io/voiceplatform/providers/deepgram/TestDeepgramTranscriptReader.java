package io.voiceplatform.providers.deepgram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.TimedText;
import io.voiceplatform.api.TimestampDetail;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.VoiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class TestDeepgramTranscriptReader {
    @Test
    void readsTheFirstAlternativeAndTheDuration() throws IOException {
        Transcript t = DeepgramTranscriptReader.read(fixture("listen-success.json"), TimestampDetail.NONE, "en", "nova-2");
        assertEquals("Hello, world. How are you?", t.text());
        assertEquals(0.99902344, t.confidence().getAsDouble(), 1e-9);
        assertEquals(Duration.ofMillis(3400), t.duration());
        assertEquals("en", t.language());
        assertEquals("deepgram", t.provider());
        assertEquals("nova-2", t.model());
        assertTrue(t.words().isEmpty() && t.segments().isEmpty(), "timing only when asked for");
    }

    @Test
    void readsPunctuatedWordsWhenAskedFor() throws IOException {
        Transcript t = DeepgramTranscriptReader.read(fixture("listen-success.json"), TimestampDetail.WORD, "en", "nova-2");
        assertEquals(5, t.words().size());
        assertEquals(new TimedText(0.08, 0.48, "Hello,"), t.words().get(0));
        assertEquals(new TimedText(1.6, 2.1, "you?"), t.words().get(4));
    }

    @Test
    void readsUtterancesAsSegments() throws IOException {
        Transcript t = DeepgramTranscriptReader.read(fixture("listen-utterances.json"), TimestampDetail.SEGMENT, "en", "nova-2");
        assertEquals(List.of(new TimedText(0.2, 1.1, "Good morning."), new TimedText(2.3, 3.3, "See you soon.")), t.segments());
    }

    @Test
    void reportsTheDetectedLanguage() throws IOException {
        Transcript t = DeepgramTranscriptReader.read(fixture("listen-detected-language.json"), TimestampDetail.NONE, "auto", "nova-2");
        assertEquals("es", t.language());
        assertEquals("Hola, mundo.", t.text());
    }

    @Test
    void aBodyWithoutATranscriptIsAProviderError() throws IOException {
        JsonNode body = new ObjectMapper().readTree("{\"metadata\":{},\"results\":{\"channels\":[]}}");
        VoiceException e = assertThrows(VoiceException.class,
                () -> DeepgramTranscriptReader.read(body, TimestampDetail.NONE, "en", "nova-2"));
        assertEquals(ErrorKind.PROVIDER_ERROR, e.kind());
    }

    static JsonNode fixture(String name) throws IOException {
        try (InputStream in = TestDeepgramTranscriptReader.class.getResourceAsStream("/fixtures/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }
}
