package io.voiceplatform.providers.deepgram;

import io.voiceplatform.providers.testkit.MockProviderServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.VoiceException;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exact requests of {@code POST /v1/speak} and how its answers are read, against a local server. */
@Timeout(20)
class TestDeepgramTtsProvider {
    private static final byte[] MP3 = {(byte) 0xFF, (byte) 0xF3, 0x44, (byte) 0xC4, 1, 2, 3, 4};

    @RegisterExtension
    final MockProviderServer mock = TestingDeepgram.mockServer();
    private MockWebServer server;
    private TtsProvider tts;

    @BeforeEach
    void create() {
        server = mock.server();
        tts = mock.tts(Map.of());
    }

    @Test
    void postsTheTextAsJsonWithTheVoiceModelAndEncoding() throws Exception {
        server.enqueue(audio(MP3));

        SynthesizedSpeech speech = synthesize(SpeechRequest.of("Hello \"there\"", AudioFormat.MP3));

        RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("POST", sent.getMethod());
        assertEquals("/v1/speak?model=aura-asteria-en&encoding=mp3", sent.getPath());
        assertEquals("Token " + TestingDeepgram.KEY, sent.getHeader("Authorization"));
        assertEquals("application/json", sent.getHeader("Content-Type"));
        assertEquals("{\"text\":\"Hello \\\"there\\\"\"}", sent.getBody().readUtf8());
        assertArrayEquals(MP3, speech.audio().toByteArray());
        assertEquals(AudioFormat.MP3, speech.audio().format());
        assertEquals("deepgram", speech.provider());
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({
            "WAV, encoding=linear16&container=wav",
            "PCM, encoding=linear16&container=none",
            "OGG_OPUS, encoding=opus&container=ogg",
            "FLAC, encoding=flac"})
    void asksForEachFormatWithItsEncodingAndContainer(AudioFormat format, String query) throws Exception {
        server.enqueue(audio(new byte[4800]));

        synthesize(SpeechRequest.of("Hi", format));

        assertEquals("/v1/speak?model=aura-asteria-en&" + query, server.takeRequest(1, TimeUnit.SECONDS).getPath());
    }

    @Test
    void rawPcmComesAt24KhzMonoWithItsDuration() {
        server.enqueue(audio(new byte[48_000]));

        SynthesizedSpeech speech = synthesize(SpeechRequest.of("Hi", AudioFormat.PCM));

        assertEquals(24_000, speech.audio().sampleRate().getAsInt());
        assertEquals(1, speech.audio().channels().getAsInt());
        assertEquals(Duration.ofSeconds(1), speech.duration());
    }

    @Test
    void speaksTheNamedVoiceOrTheOneOpenAiNamesMapTo() throws Exception {
        server.enqueue(audio(MP3));
        server.enqueue(audio(MP3));
        server.enqueue(audio(MP3));

        synthesize(SpeechRequest.of("Hi", AudioFormat.MP3).withVoice("zeus"));
        synthesize(SpeechRequest.of("Hola", AudioFormat.MP3).withVoice("onyx").withLanguage("es-MX"));
        synthesize(SpeechRequest.of("Hi", AudioFormat.MP3).withModelHint(Optional.of("aura-2-thalia-en")));

        assertEquals("/v1/speak?model=aura-zeus-en&encoding=mp3", server.takeRequest(1, TimeUnit.SECONDS).getPath());
        assertEquals("/v1/speak?model=aura-2-nestor-es&encoding=mp3", server.takeRequest(1, TimeUnit.SECONDS).getPath());
        assertEquals("/v1/speak?model=aura-2-thalia-en&encoding=mp3", server.takeRequest(1, TimeUnit.SECONDS).getPath());
    }

    @Test
    void refusesWhatDeepgramCannotDoBeforeAnyCall() {
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Hi", AudioFormat.WEBM)).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Hi", AudioFormat.MP3).withVoice("kevin16")).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Привет", AudioFormat.MP3).withLanguage("ru-RU")).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Hi", AudioFormat.MP3).withVoice("asteria").withLanguage("es")).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Hi", AudioFormat.MP3).withSpeed(1.5)).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("x".repeat(2001), AudioFormat.MP3)).kind());
        assertEquals(0, server.getRequestCount());
        assertFalse(tts.capabilities().outputFormats().contains(AudioFormat.WEBM));
        assertFalse(tts.capabilities().supportsVoice("kevin16"));
        assertFalse(tts.capabilities().supportsLanguage("ru-RU"));
        assertEquals(2000, tts.capabilities().maxTextChars());
    }

    private static MockResponse audio(byte[] bytes) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "audio/mpeg").setBody(new Buffer().write(bytes));
    }

    private SynthesizedSpeech synthesize(SpeechRequest request) {
        return tts.synthesize(request).toCompletableFuture().join();
    }

    private VoiceException failure(SpeechRequest request) {
        CompletionException e = assertThrows(CompletionException.class, () -> synthesize(request));
        assertTrue(e.getCause() instanceof VoiceException, String.valueOf(e.getCause()));
        assertFalse(e.getCause().getMessage().contains(TestingDeepgram.KEY));
        return (VoiceException) e.getCause();
    }
}
