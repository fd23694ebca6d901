package io.voiceplatform.providers.deepgram;

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

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static io.voiceplatform.providers.testkit.MockProviderServer.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exact requests of {@code POST /v1/listen} and how each documented answer is read, against a local server. */
@Timeout(20)
class TestDeepgramSttProvider {
    @RegisterExtension
    final MockProviderServer mock = TestingDeepgram.mockServer();
    private MockWebServer server;
    private SttProvider stt;

    @BeforeEach
    void create() {
        server = mock.server();
        stt = mock.stt(Map.of());
    }

    @Test
    void postsTheAudioWithModelLanguageAndFormattingOptions() throws Exception {
        server.enqueue(json(200, "listen-success.json"));
        Audio wav = TestingDeepgram.wav();

        Transcript t = transcribe(TranscriptionRequest.of(wav).withLanguage("en-US"));

        RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("POST", sent.getMethod());
        assertEquals("/v1/listen?model=nova-2&language=en-US&punctuate=true&smart_format=true", sent.getPath());
        assertEquals("Token " + TestingDeepgram.KEY, sent.getHeader("Authorization"));
        assertEquals("audio/wav", sent.getHeader("Content-Type"));
        assertArrayEquals(wav.toByteArray(), sent.getBody().readByteArray());
        assertEquals("Hello, world. How are you?", t.text());
        assertEquals("en-US", t.language());
        assertEquals(Duration.ofMillis(3400), t.duration());
        assertEquals(0.99902344, t.confidence().getAsDouble(), 1e-9);
        assertEquals("nova-2", t.model());
    }

    @Test
    void sendsEachFormatWithItsMediaType() throws Exception {
        server.enqueue(json(200, "listen-success.json"));
        byte[] mp3 = {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x44, 0, 0, 0, 0};

        transcribe(TranscriptionRequest.of(Audio.of(mp3, AudioFormat.MP3)).withLanguage("en"));

        assertEquals("audio/mpeg", server.takeRequest(1, TimeUnit.SECONDS).getHeader("Content-Type"));
    }

    @Test
    void wrapsRawPcmInAWavHeader() throws Exception {
        server.enqueue(json(200, "listen-success.json"));

        transcribe(TranscriptionRequest.of(TestingDeepgram.pcm()).withLanguage("en"));

        RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
        byte[] body = sent.getBody().readByteArray();
        assertEquals("audio/wav", sent.getHeader("Content-Type"));
        assertEquals("RIFF", new String(Arrays.copyOf(body, 4)));
        assertEquals(44 + 3200, body.length);
    }

    @Test
    void letsDeepgramDetectTheLanguageWhenAskedForAuto() throws Exception {
        server.enqueue(json(200, "listen-detected-language.json"));

        Transcript t = transcribe(TranscriptionRequest.of(TestingDeepgram.wav()));

        assertEquals("/v1/listen?model=nova-2&detect_language=true&punctuate=true&smart_format=true",
                server.takeRequest(1, TimeUnit.SECONDS).getPath());
        assertEquals("es", t.language());
        assertEquals("Hola, mundo.", t.text());
    }

    @Test
    void sendsARegionDeepgramHasNoModelForAsItsLanguage() throws Exception {
        server.enqueue(json(200, "listen-success.json"));

        transcribe(TranscriptionRequest.of(TestingDeepgram.wav()).withLanguage("ru-RU"));

        assertTrue(server.takeRequest(1, TimeUnit.SECONDS).getPath().contains("&language=ru&"));
    }

    @Test
    void usesTheModelTheRequestNamesWhenOffered() throws Exception {
        server.enqueue(json(200, "listen-success.json"));
        server.enqueue(json(200, "listen-success.json"));

        Transcript chosen = transcribe(TranscriptionRequest.of(TestingDeepgram.wav()).withLanguage("en").withModelHint(Optional.of("nova-3")));
        Transcript fallback = transcribe(TranscriptionRequest.of(TestingDeepgram.wav()).withLanguage("en").withModelHint(Optional.of("whisper-1")));

        assertTrue(server.takeRequest(1, TimeUnit.SECONDS).getPath().startsWith("/v1/listen?model=nova-3&"));
        assertTrue(server.takeRequest(1, TimeUnit.SECONDS).getPath().startsWith("/v1/listen?model=nova-2&"));
        assertEquals("nova-3", chosen.model());
        assertEquals("nova-2", fallback.model());
    }

    @Test
    void asksForUtterancesWhenSegmentsAreWantedAndReadsWordsWhenWordsAre() throws Exception {
        server.enqueue(json(200, "listen-utterances.json"));
        server.enqueue(json(200, "listen-success.json"));

        Transcript segments = transcribe(TranscriptionRequest.of(TestingDeepgram.wav()).withLanguage("en")
                .withTimestampDetail(TimestampDetail.SEGMENT));
        Transcript words = transcribe(TranscriptionRequest.of(TestingDeepgram.wav()).withLanguage("en")
                .withTimestampDetail(TimestampDetail.WORD));

        assertTrue(server.takeRequest(1, TimeUnit.SECONDS).getPath().endsWith("&utterances=true"));
        assertFalse(server.takeRequest(1, TimeUnit.SECONDS).getPath().contains("utterances"));
        assertEquals(new TimedText(2.3, 3.3, "See you soon."), segments.segments().get(1));
        assertEquals(new TimedText(0.48, 0.96, "world."), words.words().get(1));
    }

    @Test
    void refusesALanguageWithoutAModelBeforeAnyCall() {
        VoiceException e = failure(TranscriptionRequest.of(TestingDeepgram.wav()).withLanguage("sw-KE"));

        assertEquals(ErrorKind.UNSUPPORTED, e.kind());
        assertEquals(0, server.getRequestCount());
        assertFalse(stt.capabilities().supportsLanguage("sw-KE"));
        assertTrue(stt.capabilities().supportsLanguage("en-GB"));
    }

    private Transcript transcribe(TranscriptionRequest request) {
        return stt.transcribe(request).toCompletableFuture().join();
    }

    private VoiceException failure(TranscriptionRequest request) {
        CompletionException e = assertThrows(CompletionException.class, () -> transcribe(request));
        assertTrue(e.getCause() instanceof VoiceException, String.valueOf(e.getCause()));
        VoiceException failure = (VoiceException) e.getCause();
        assertFalse(failure.getMessage().contains(TestingDeepgram.KEY), "the key leaked: " + failure.getMessage());
        return failure;
    }
}
