package io.voiceplatform.providers.azure;

import io.voiceplatform.providers.testkit.MockProviderServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TimedText;
import io.voiceplatform.api.TimestampDetail;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.VoiceException;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static io.voiceplatform.providers.testkit.MockProviderServer.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exact requests of short-audio recognition and how each documented answer is read, against a local server. */
@Timeout(20)
class TestAzureSttProvider {
    private static final String PATH = "/speech/recognition/conversation/cognitiveservices/v1";

    @RegisterExtension
    final MockProviderServer mock = TestingAzure.mockServer();
    private MockWebServer server;
    private SttProvider stt;

    @BeforeEach
    void create() {
        server = mock.server();
        stt = mock.stt(Map.of());
    }

    @Test
    void postsSixteenKilohertzMonoWavWithLocaleAndDetailedFormat() throws Exception {
        server.enqueue(json(200, "stt-detailed-success.json"));
        Audio wav = TestingAzure.wav();

        Transcript t = transcribe(TranscriptionRequest.of(wav).withLanguage("en-GB"));

        RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("POST", sent.getMethod());
        assertEquals(PATH + "?language=en-GB&format=detailed", sent.getPath());
        assertEquals(TestingAzure.KEY, sent.getHeader("Ocp-Apim-Subscription-Key"));
        assertEquals("audio/wav; codecs=audio/pcm; samplerate=16000", sent.getHeader("Content-Type"));
        assertEquals("application/json", sent.getHeader("Accept"));
        assertArrayEquals(wav.toByteArray(), sent.getBody().readByteArray());
        assertEquals("What's the weather like?", t.text());
        assertEquals(0.9052885, t.confidence().getAsDouble(), 1e-9);
        assertEquals("en-GB", t.language());
        assertEquals(Duration.ofMillis(100), t.duration(), "the length of the audio sent");
    }

    @Test
    void convertsOtherRatesAndChannelsToSixteenKilohertzMono() throws Exception {
        server.enqueue(json(200, "stt-detailed-success.json"));

        Transcript t = transcribe(TranscriptionRequest.of(TestingAzure.wav48kStereo(0.5)).withLanguage("en-US"));

        byte[] body = server.takeRequest(1, TimeUnit.SECONDS).getBody().readByteArray();
        ByteBuffer header = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, header.getShort(22), "channels");
        assertEquals(16_000, header.getInt(24), "sample rate");
        assertEquals(16, header.getShort(34), "bits per sample");
        assertEquals(44 + 16_000, body.length, "half a second of 16-bit mono");
        assertEquals(Duration.ofMillis(500), t.duration());
    }

    @Test
    void convertsRawPcm() throws Exception {
        server.enqueue(json(200, "stt-simple-success.json"));

        transcribe(TranscriptionRequest.of(Audio.of(new byte[1600], AudioFormat.PCM, 8_000, 1)).withLanguage("en-US"));

        byte[] body = server.takeRequest(1, TimeUnit.SECONDS).getBody().readByteArray();
        assertEquals("RIFF", new String(body, 0, 4));
        assertEquals(44 + 3200, body.length, "0.1 s at 16 kHz");
    }

    @Test
    void sendsOggOpusAsItIs() throws Exception {
        server.enqueue(json(200, "stt-detailed-success.json"));
        Audio ogg = TestingAzure.oggOpus(2.5, 312);

        Transcript t = transcribe(TranscriptionRequest.of(ogg).withLanguage("en-US"));

        RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("audio/ogg; codecs=opus", sent.getHeader("Content-Type"));
        assertArrayEquals(ogg.toByteArray(), sent.getBody().readByteArray());
        assertEquals(Duration.ofMillis(2500), t.duration());
    }

    @Test
    void sendsABareLanguageAsItsLocaleAndAutoAsTheDefaultLocale() throws Exception {
        server.enqueue(json(200, "stt-simple-success.json"));
        server.enqueue(json(200, "stt-simple-success.json"));

        Transcript russian = transcribe(TranscriptionRequest.of(TestingAzure.wav()).withLanguage("ru"));
        Transcript auto = transcribe(TranscriptionRequest.of(TestingAzure.wav()));

        assertEquals(PATH + "?language=ru-RU&format=detailed", server.takeRequest(1, TimeUnit.SECONDS).getPath());
        assertEquals(PATH + "?language=en-US&format=detailed", server.takeRequest(1, TimeUnit.SECONDS).getPath());
        assertEquals("ru-RU", russian.language());
        assertEquals("Remind me to buy 5 pencils.", auto.text());
    }

    @Test
    void readsTheRecognizedSpanAsASegmentAndWordsWhenGiven() throws Exception {
        server.enqueue(json(200, "stt-detailed-success.json"));
        server.enqueue(json(200, "stt-detailed-words.json"));

        Transcript segment = transcribe(TranscriptionRequest.of(TestingAzure.wav()).withLanguage("en-US").withTimestampDetail(TimestampDetail.SEGMENT));
        Transcript words = transcribe(TranscriptionRequest.of(TestingAzure.wav()).withLanguage("en-US").withTimestampDetail(TimestampDetail.WORD));

        assertEquals(List.of(new TimedText(0.5, 2.08, "What's the weather like?")), segment.segments());
        assertEquals(List.of(new TimedText(0.07, 0.33, "good"), new TimedText(0.34, 0.91, "morning")), words.words());
    }

    @Test
    void silenceIsAnEmptyTranscript() {
        server.enqueue(json(200, "stt-initial-silence.json"));

        Transcript t = transcribe(TranscriptionRequest.of(TestingAzure.wav()).withLanguage("en-US"));

        assertEquals("", t.text());
        assertEquals("en-US", t.language());
    }

    @Test
    void speechInAnotherLanguageIsUnsupportedAndAServiceErrorIsUnavailable() {
        server.enqueue(json(200, "stt-no-match.json"));
        server.enqueue(json(200, "stt-error-status.json"));

        assertEquals(ErrorKind.UNSUPPORTED, failure(TranscriptionRequest.of(TestingAzure.wav()).withLanguage("en-US")).kind());
        assertEquals(ErrorKind.UNAVAILABLE, failure(TranscriptionRequest.of(TestingAzure.wav()).withLanguage("en-US")).kind());
    }

    @Test
    void refusesWhatShortAudioRecognitionCannotTakeBeforeAnyCall() {
        assertEquals(ErrorKind.UNSUPPORTED, failure(TranscriptionRequest.of(TestingAzure.wav()).withLanguage("ja-JP")).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(TranscriptionRequest.of(Audio.of(new byte[]{(byte) 0xFF, (byte) 0xFB, 0, 0}, AudioFormat.MP3))
                .withLanguage("en-US")).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(TranscriptionRequest.of(TestingAzure.wav48kStereo(61)).withLanguage("en-US")).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(TranscriptionRequest.of(TestingAzure.oggOpus(61, 312)).withLanguage("en-US")).kind());
        assertEquals(0, server.getRequestCount());
        assertFalse(stt.capabilities().inputFormats().contains(AudioFormat.MP3));
        assertFalse(stt.capabilities().supportsLanguage("ja-JP"));
        assertTrue(stt.capabilities().supportsLanguage("ru"));
    }

    private Transcript transcribe(TranscriptionRequest request) {
        return stt.transcribe(request).toCompletableFuture().join();
    }

    private VoiceException failure(TranscriptionRequest request) {
        CompletionException e = assertThrows(CompletionException.class, () -> transcribe(request));
        assertTrue(e.getCause() instanceof VoiceException, String.valueOf(e.getCause()));
        assertFalse(e.getCause().getMessage().contains(TestingAzure.KEY));
        return (VoiceException) e.getCause();
    }
}
