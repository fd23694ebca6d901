package io.voiceplatform.providers.elevenlabs;

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
import io.voiceplatform.providers.elevenlabs.TestingElevenLabs.Part;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
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

/** The exact multipart requests of {@code POST /v1/speech-to-text} and how its answers are read, against a local server. */
@Timeout(20)
class TestElevenLabsSttProvider {
    @RegisterExtension
    final MockProviderServer mock = TestingElevenLabs.mockServer();
    private MockWebServer server;
    private SttProvider stt;

    @BeforeEach
    void create() {
        server = mock.server();
        stt = mock.stt(Map.of());
    }

    @Test
    void postsTheFileModelLanguageAndTimestampsAsMultipart() throws Exception {
        server.enqueue(json(200, "stt-success.json"));
        Audio wav = TestingElevenLabs.wav();

        Transcript t = transcribe(TranscriptionRequest.of(wav).withLanguage("en-US"));

        RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("POST", sent.getMethod());
        assertEquals("/v1/speech-to-text", sent.getPath());
        assertEquals(TestingElevenLabs.KEY, sent.getHeader("xi-api-key"));
        assertTrue(sent.getHeader("Content-Type").startsWith("multipart/form-data; boundary="));
        Map<String, Part> parts = TestingElevenLabs.parts(sent);
        assertEquals(List.of("file", "model_id", "language_code", "timestamps_granularity", "tag_audio_events"), List.copyOf(parts.keySet()));
        assertTrue(parts.get("file").disposition().contains("filename=\"audio.wav\""));
        assertEquals("audio/wav", parts.get("file").contentType());
        assertArrayEquals(wav.toByteArray(), parts.get("file").content());
        assertEquals("scribe_v1", parts.get("model_id").text());
        assertEquals("en", parts.get("language_code").text());
        assertEquals("word", parts.get("timestamps_granularity").text());
        assertEquals("false", parts.get("tag_audio_events").text());
        assertEquals("Hello world!", t.text());
        assertEquals("en-US", t.language());
        assertEquals(Duration.ofMillis(1400), t.duration());
        assertEquals("scribe_v1", t.model());
    }

    @Test
    void detectsTheLanguageWhenNoneIsAskedForAndReportsItAsIso6391() throws Exception {
        server.enqueue(json(200, "stt-success-iso639-3.json"));

        Transcript t = transcribe(TranscriptionRequest.of(TestingElevenLabs.wav()));

        assertFalse(TestingElevenLabs.parts(server.takeRequest(1, TimeUnit.SECONDS)).containsKey("language_code"));
        assertEquals("ru", t.language());
        assertEquals("Привет, мир.", t.text());
    }

    @Test
    void keepsOnlyRealWordsWhenWordsAreWanted() throws Exception {
        server.enqueue(json(200, "stt-success.json"));

        Transcript t = transcribe(TranscriptionRequest.of(TestingElevenLabs.wav()).withLanguage("en")
                .withTimestampDetail(TimestampDetail.WORD));

        assertEquals(List.of(new TimedText(0.0, 0.5, "Hello"), new TimedText(0.9, 1.4, "world!")), t.words());
    }

    @Test
    void sendsTheChosenModelAndWrapsRawPcm() throws Exception {
        server.enqueue(json(200, "stt-success.json"));

        transcribe(TranscriptionRequest.of(TestingElevenLabs.pcm()).withLanguage("en").withModelHint(Optional.of("scribe_v2")));

        Map<String, Part> parts = TestingElevenLabs.parts(server.takeRequest(1, TimeUnit.SECONDS));
        assertEquals("scribe_v2", parts.get("model_id").text());
        assertEquals("audio/wav", parts.get("file").contentType());
        assertEquals("RIFF", new String(parts.get("file").content(), 0, 4));
    }

    @Test
    void sendsOtherFormatsAsTheyAre() throws Exception {
        server.enqueue(json(200, "stt-success.json"));
        byte[] ogg = {'O', 'g', 'g', 'S', 0, 2, 0, 0};

        transcribe(TranscriptionRequest.of(Audio.of(ogg, AudioFormat.OGG_OPUS)).withLanguage("en"));

        Part file = TestingElevenLabs.parts(server.takeRequest(1, TimeUnit.SECONDS)).get("file");
        assertEquals("audio/ogg", file.contentType());
        assertArrayEquals(ogg, file.content());
    }

    @Test
    void refusesALanguageScribeDoesNotTranscribeBeforeAnyCall() {
        VoiceException e = failure(TranscriptionRequest.of(TestingElevenLabs.wav()).withLanguage("kk-KZ"));

        assertEquals(ErrorKind.UNSUPPORTED, e.kind());
        assertEquals(0, server.getRequestCount());
        assertFalse(stt.capabilities().supportsLanguage("kk-KZ"));
    }

    private Transcript transcribe(TranscriptionRequest request) {
        return stt.transcribe(request).toCompletableFuture().join();
    }

    private VoiceException failure(TranscriptionRequest request) {
        CompletionException e = assertThrows(CompletionException.class, () -> transcribe(request));
        assertTrue(e.getCause() instanceof VoiceException, String.valueOf(e.getCause()));
        assertFalse(e.getCause().getMessage().contains(TestingElevenLabs.KEY));
        return (VoiceException) e.getCause();
    }
}
