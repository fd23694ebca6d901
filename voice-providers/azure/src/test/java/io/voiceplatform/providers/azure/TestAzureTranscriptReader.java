package io.voiceplatform.providers.azure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voiceplatform.api.ErrorKind;
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
class TestAzureTranscriptReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTheSimpleFormatWithTicksGivenAsStrings() throws IOException {
        Transcript t = read("stt-simple-success.json", TimestampDetail.SEGMENT, Duration.ZERO);

        assertEquals("Remind me to buy 5 pencils.", t.text());
        assertTrue(t.confidence().isEmpty());
        assertEquals(Duration.ofNanos(2 * 1236645672289L * 100), t.duration(), "offset plus duration when the audio length is unknown");
        assertEquals(List.of(new TimedText(123664.5672289, 247329.1344578, "Remind me to buy 5 pencils.")), t.segments());
    }

    @Test
    void takesTheFirstOfNBest() throws IOException {
        Transcript t = read("stt-detailed-success.json", TimestampDetail.NONE, Duration.ofSeconds(3));

        assertEquals("What's the weather like?", t.text());
        assertEquals(0.9052885, t.confidence().getAsDouble(), 1e-9);
        assertEquals(Duration.ofSeconds(3), t.duration());
        assertEquals("azure", t.provider());
    }

    @Test
    void readsWordsGivenAsNumbers() throws IOException {
        Transcript t = read("stt-detailed-words.json", TimestampDetail.WORD, Duration.ZERO);

        assertEquals("Good morning.", t.text());
        assertEquals(List.of(new TimedText(0.07, 0.33, "good"), new TimedText(0.34, 0.91, "morning")), t.words());
    }

    @Test
    void successWithoutATextIsAProviderError() throws IOException {
        VoiceException e = assertThrows(VoiceException.class, () -> AzureTranscriptReader.read(
                JSON.readTree("{\"RecognitionStatus\":\"Success\"}"), TimestampDetail.NONE, "en-US", Duration.ZERO));

        assertEquals(ErrorKind.PROVIDER_ERROR, e.kind());
    }

    private static Transcript read(String fixture, TimestampDetail detail, Duration audio) throws IOException {
        return AzureTranscriptReader.read(JSON.readTree(fixture(fixture)), detail, "en-US", audio);
    }
}
