package io.voiceplatform.providers.azure;

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
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exact SSML requests of REST synthesis and how its answers are read, against a local server. */
@Timeout(20)
class TestAzureTtsProvider {
    private static final byte[] MP3 = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0};

    @RegisterExtension
    final MockProviderServer mock = TestingAzure.mockServer();
    private MockWebServer server;
    private TtsProvider tts;

    @BeforeEach
    void create() {
        server = mock.server();
        tts = mock.tts(Map.of());
    }

    private TtsProvider create(Map<String, String> overrides) {
        return mock.tts(overrides);
    }

    @Test
    void postsSsmlWithTheVoiceAndTheOutputFormatHeader() throws Exception {
        server.enqueue(audio(MP3));

        SynthesizedSpeech speech = synthesize(SpeechRequest.of("Hello there", AudioFormat.MP3));

        RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("POST", sent.getMethod());
        assertEquals("/cognitiveservices/v1", sent.getPath());
        assertEquals(TestingAzure.KEY, sent.getHeader("Ocp-Apim-Subscription-Key"));
        assertTrue(sent.getHeader("Content-Type").startsWith("application/ssml+xml"), sent.getHeader("Content-Type"));
        assertEquals("audio-24khz-48kbitrate-mono-mp3", sent.getHeader("X-Microsoft-OutputFormat"));
        assertEquals("voice-platform", sent.getHeader("User-Agent"));
        assertEquals("<speak version='1.0' xml:lang='en-US'><voice name='en-US-JennyNeural'>"
                + "<prosody rate='+0.00%'>Hello there</prosody></voice></speak>", sent.getBody().readUtf8());
        assertArrayEquals(MP3, speech.audio().toByteArray());
        assertEquals("azure", speech.provider());
    }

    @Test
    void escapesTheTextSoItCannotBreakTheSsml() throws Exception {
        server.enqueue(audio(MP3));

        synthesize(SpeechRequest.of("Tom & Jerry <b>'quoted'</b> \"x\"\u0007!", AudioFormat.MP3));

        String ssml = server.takeRequest(1, TimeUnit.SECONDS).getBody().readUtf8();
        assertTrue(ssml.contains("<prosody rate='+0.00%'>Tom &amp; Jerry &lt;b&gt;&apos;quoted&apos;&lt;/b&gt; &quot;x&quot;!</prosody>"), ssml);
    }

    @Test
    void speaksTheRequestedVoiceLanguageAndRate() throws Exception {
        server.enqueue(audio(MP3));
        server.enqueue(audio(MP3));
        server.enqueue(audio(MP3));

        synthesize(SpeechRequest.of("Привет", AudioFormat.MP3).withLanguage("ru-RU").withSpeed(1.5));
        synthesize(SpeechRequest.of("Hallo", AudioFormat.MP3).withVoice("onyx").withLanguage("de"));
        synthesize(SpeechRequest.of("Hi", AudioFormat.MP3).withVoice("en-gb-sonianeural").withSpeed(0.75));

        assertEquals("<speak version='1.0' xml:lang='ru-RU'><voice name='ru-RU-SvetlanaNeural'><prosody rate='+50.00%'>Привет</prosody></voice></speak>",
                server.takeRequest(1, TimeUnit.SECONDS).getBody().readUtf8());
        assertTrue(server.takeRequest(1, TimeUnit.SECONDS).getBody().readUtf8().contains("<voice name='de-DE-ConradNeural'>"));
        assertTrue(server.takeRequest(1, TimeUnit.SECONDS).getBody().readUtf8()
                .contains("xml:lang='en-GB'><voice name='en-GB-SoniaNeural'><prosody rate='-25.00%'>"));
    }

    @Test
    void offersConfiguredExtraVoices() throws Exception {
        tts.close();
        tts = create(Map.of("extra-voices", "en-US-AvaNeural"));
        server.enqueue(audio(MP3));

        synthesize(SpeechRequest.of("Hi", AudioFormat.MP3).withVoice("en-US-AvaNeural"));

        assertTrue(server.takeRequest(1, TimeUnit.SECONDS).getBody().readUtf8().contains("<voice name='en-US-AvaNeural'>"));
        assertTrue(tts.capabilities().supportsVoice("en-US-AvaNeural"));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({
            "WAV, riff-24khz-16bit-mono-pcm",
            "PCM, raw-24khz-16bit-mono-pcm",
            "OGG_OPUS, ogg-24khz-16bit-mono-opus",
            "WEBM, webm-24khz-16bit-mono-opus"})
    void asksForEachFormat(AudioFormat format, String header) throws Exception {
        server.enqueue(audio(new byte[4800]));

        synthesize(SpeechRequest.of("Hi", format));

        assertEquals(header, server.takeRequest(1, TimeUnit.SECONDS).getHeader("X-Microsoft-OutputFormat"));
    }

    @Test
    void rawPcmComesAt24KhzMonoWithItsDuration() {
        server.enqueue(audio(new byte[48_000]));

        SynthesizedSpeech speech = synthesize(SpeechRequest.of("Hi", AudioFormat.PCM));

        assertEquals(24_000, speech.audio().sampleRate().getAsInt());
        assertEquals(Duration.ofSeconds(1), speech.duration());
    }

    @Test
    void refusesWhatAzureCannotDoBeforeAnyCall() {
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Hi", AudioFormat.FLAC)).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Hi", AudioFormat.MP3).withVoice("kevin16")).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Hi", AudioFormat.MP3).withLanguage("sw-KE")).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Hi", AudioFormat.MP3).withVoice("en-US-JennyNeural").withLanguage("de-DE")).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Hi", AudioFormat.MP3).withSpeed(3)).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("x".repeat(10_001), AudioFormat.MP3)).kind());
        assertEquals(0, server.getRequestCount());
        assertFalse(tts.capabilities().supportsVoice("kevin16"));
        assertTrue(tts.capabilities().supportsVoice("alloy"));
        assertFalse(tts.capabilities().outputFormats().contains(AudioFormat.FLAC));
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
        assertFalse(e.getCause().getMessage().contains(TestingAzure.KEY));
        return (VoiceException) e.getCause();
    }
}
