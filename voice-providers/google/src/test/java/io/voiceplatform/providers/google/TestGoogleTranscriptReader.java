package io.voiceplatform.providers.google;

import com.fasterxml.jackson.databind.JsonNode;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.TimedText;
import io.voiceplatform.api.TimestampDetail;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.VoiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static io.voiceplatform.providers.testkit.MockProviderServer.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class TestGoogleTranscriptReader {
    @Test
    void readsTheTopAlternativeAndGooglesLanguage() {
        Transcript t = read("recognize-success.json", TimestampDetail.NONE, Duration.ofSeconds(2));

        assertEquals("how old is the Brooklyn Bridge", t.text());
        assertEquals(0.98267895, t.confidence().getAsDouble(), 1e-9);
        assertEquals("en-US", t.language());
        assertEquals(Duration.ofSeconds(2), t.duration());
        assertEquals("google", t.provider());
        assertEquals("default", t.model());
        assertTrue(t.words().isEmpty() && t.segments().isEmpty(), "timing only when asked for");
    }

    @Test
    void withoutTheClipsLengthTheLastResultEndIsTheDuration() {
        assertEquals(Duration.ofMillis(3450), read("recognize-two-results.json", TimestampDetail.NONE, Duration.ZERO).duration());
    }

    @Test
    void readsWordOffsets() {
        Transcript t = read("recognize-word-offsets.json", TimestampDetail.WORD, Duration.ZERO);

        assertEquals(List.of("how", "old", "is", "the", "Brooklyn", "Bridge"), t.words().stream().map(TimedText::text).toList());
        assertEquals(new TimedText(1.3, 1.5, "Bridge"), t.words().get(5));
    }

    @Test
    void joinsResultsAndMakesEachASegment() {
        Transcript t = read("recognize-two-results.json", TimestampDetail.SEGMENT, Duration.ZERO);

        assertEquals("Good morning. See you soon.", t.text());
        assertEquals(List.of(new TimedText(0, 1.2, "Good morning."), new TimedText(1.2, 3.45, "See you soon.")), t.segments());
    }

    @Test
    void noResultsIsNoSpeech() {
        Transcript t = read("recognize-no-speech.json", TimestampDetail.WORD, Duration.ofMillis(250));

        assertEquals("", t.text());
        assertEquals("en-US", t.language(), "the language asked for");
        assertTrue(t.confidence().isEmpty());
        assertTrue(t.words().isEmpty());
        assertEquals(Duration.ofMillis(250), t.duration());
    }

    @Test
    void readsProtobufDurations() {
        assertEquals(1.3, GoogleTranscriptReader.seconds(TestingGoogle.body("\"1.300s\""), 0), 1e-12);
        assertEquals(2.0, GoogleTranscriptReader.seconds(TestingGoogle.body("\"2s\""), 0), 1e-12);
        assertEquals(0.000000001, GoogleTranscriptReader.seconds(TestingGoogle.body("\"0.000000001s\""), 0), 1e-15);
        assertEquals(5.0, GoogleTranscriptReader.seconds(TestingGoogle.body("{}").path("missing"), 5), 1e-12);
    }

    @Test
    void aBodyOfTheWrongShapeIsAProviderError() {
        for (String body : List.of("{\"results\": 3}", "{\"results\": [{\"resultEndTime\": 1.5}]}",
                "{\"results\": [{\"alternatives\": [{\"words\": [{\"startTime\": \"x\"}]}]}]}")) {
            VoiceException e = assertThrows(VoiceException.class, () -> GoogleTranscriptReader.read(TestingGoogle.body(body),
                    TimestampDetail.WORD, "en-US", "default", Duration.ZERO));
            assertEquals(ErrorKind.PROVIDER_ERROR, e.kind(), body);
        }
    }

    @Test
    void clampsTimesThatRunBackwards() {
        JsonNode body = TestingGoogle.body("{\"results\": [{\"alternatives\": [{\"transcript\": \"a\", \"confidence\": 1.2,"
                + " \"words\": [{\"startTime\": \"2s\", \"endTime\": \"1s\", \"word\": \"a\"}]}], \"resultEndTime\": \"1s\"},"
                + " {\"alternatives\": [{\"transcript\": \"b\"}], \"resultEndTime\": \"0.5s\"}]}");

        Transcript t = GoogleTranscriptReader.read(body, TimestampDetail.WORD, "en-US", "default", Duration.ZERO);

        assertEquals(new TimedText(2, 2, "a"), t.words().get(0));
        assertEquals(1.0, t.confidence().getAsDouble());
        assertEquals("a b", t.text());
    }

    private static Transcript read(String fixture, TimestampDetail detail, Duration audio) {
        return GoogleTranscriptReader.read(TestingGoogle.body(fixture(fixture)), detail, "en-US", "default", audio);
    }
}
