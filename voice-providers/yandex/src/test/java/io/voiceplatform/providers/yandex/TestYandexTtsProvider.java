package io.voiceplatform.providers.yandex;

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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exact requests of {@code POST /speech/v1/tts:synthesize} and how its answers are read, against a local server. */
@Timeout(20)
class TestYandexTtsProvider {
    private static final String PATH = "/speech/v1/tts:synthesize";
    private static final byte[] MP3 = {(byte) 0xFF, (byte) 0xF3, 0x44, (byte) 0xC4, 1, 2, 3, 4};
    private static final byte[] OGG = "OggS\0\2fake opus pages".getBytes(StandardCharsets.ISO_8859_1);

    @RegisterExtension
    final MockProviderServer mock = TestingYandex.mockServer();
    private MockWebServer server;
    private TtsProvider tts;

    @BeforeEach
    void create() {
        server = mock.server();
        tts = mock.tts(Map.of());
    }

    @Test
    void postsTheFormWithTextLanguageVoiceSpeedFormatAndFolder() throws Exception {
        server.enqueue(audio(MP3));

        SynthesizedSpeech speech = synthesize(SpeechRequest.of("Привет, мир & всё = 100%", AudioFormat.MP3));

        RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("POST", sent.getMethod());
        assertEquals(PATH, sent.getPath());
        assertEquals("Api-Key " + TestingYandex.KEY, sent.getHeader("Authorization"));
        assertEquals("application/x-www-form-urlencoded", sent.getHeader("Content-Type"));
        assertEquals(List.of(Map.entry("text", "Привет, мир & всё = 100%"), Map.entry("lang", "ru-RU"), Map.entry("voice", "alena"),
                        Map.entry("speed", "1.0"), Map.entry("format", "mp3"), Map.entry("folderId", TestingYandex.FOLDER)),
                TestingYandex.formFields(sent.getBody().readUtf8()));
        assertArrayEquals(MP3, speech.audio().toByteArray());
        assertEquals(AudioFormat.MP3, speech.audio().format());
        assertEquals("yandex", speech.provider());
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({"OGG_OPUS, format=oggopus", "PCM, format=lpcm&sampleRateHertz=48000", "WAV, format=lpcm&sampleRateHertz=48000"})
    void asksForEachFormatByItsName(AudioFormat format, String fields) throws Exception {
        server.enqueue(audio(format == AudioFormat.OGG_OPUS ? OGG : new byte[9600]));

        synthesize(SpeechRequest.of("Привет", format));

        String body = server.takeRequest(1, TimeUnit.SECONDS).getBody().readUtf8();
        assertTrue(body.contains("&speed=1.0&" + fields + "&folderId="), body);
    }

    @Test
    void rawPcmComesAt48KhzMonoWithItsDuration() {
        server.enqueue(audio(new byte[96_000]));

        SynthesizedSpeech speech = synthesize(SpeechRequest.of("Привет", AudioFormat.PCM));

        assertEquals(48_000, speech.audio().sampleRate().getAsInt());
        assertEquals(1, speech.audio().channels().getAsInt());
        assertEquals(Duration.ofSeconds(1), speech.duration());
    }

    @Test
    void wavIsTheLpcmAnswerInAHeader() {
        byte[] lpcm = new byte[9600];
        lpcm[0] = 42;
        server.enqueue(audio(lpcm));

        SynthesizedSpeech speech = synthesize(SpeechRequest.of("Привет", AudioFormat.WAV));

        byte[] wav = speech.audio().toByteArray();
        assertEquals("RIFF", new String(wav, 0, 4, StandardCharsets.US_ASCII));
        assertEquals(44 + 9600, wav.length);
        assertEquals(42, wav[44]);
        assertEquals(AudioFormat.WAV, speech.audio().format());
        assertEquals(Duration.ofMillis(100), speech.duration());
    }

    @ParameterizedTest(name = "voice {0} in {1}")
    @CsvSource({
            "jane:evil, auto, ru-RU, jane, evil",
            "ERMIL, ru-RU, ru-RU, ermil, ",
            "john, en-US, en-US, john, ",
            "onyx, auto, ru-RU, filipp, ",
            "nova, ru, ru-RU, jane, ",
            "nova, en-US, en-US, john, ",
            "shimmer, de-DE, de-DE, lea, ",
            "echo, kk-KZ, kk-KK, madi, ",
            "alloy, kk, kk-KK, amira, ",
            ", en-GB, en-US, john, ",
            ", he-IL, he-IL, naomi, ",
            ", uz, uz-UZ, nigora, "})
    void speaksTheVoiceTheRequestMeans(String voice, String language, String lang, String name, String emotion) throws Exception {
        server.enqueue(audio(MP3));

        synthesize(SpeechRequest.of("Hi", AudioFormat.MP3).withVoice(voice).withLanguage(language));

        Map<String, String> fields = TestingYandex.formFields(server.takeRequest(1, TimeUnit.SECONDS).getBody().readUtf8()).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(lang, fields.get("lang"));
        assertEquals(name, fields.get("voice"));
        assertEquals(emotion, fields.get("emotion"));
    }

    @ParameterizedTest(name = "speed {0}")
    @CsvSource({"0.25, 0.25", "1.5, 1.5", "3.0, 3.0"})
    void sendsTheSpeed(double speed, String sent) throws Exception {
        server.enqueue(audio(MP3));

        synthesize(SpeechRequest.of("Привет", AudioFormat.MP3).withSpeed(speed));

        assertTrue(server.takeRequest(1, TimeUnit.SECONDS).getBody().readUtf8().contains("&speed=" + sent + "&"));
    }

    @Test
    void sendsAnIamTokenAsBearerAndNoFolderWhenNoneIsSet() throws Exception {
        server.enqueue(audio(MP3));
        server.enqueue(audio(MP3));

        synthesize(SpeechRequest.of("Привет", AudioFormat.MP3));
        tts.close();
        tts = create(Map.of("api-key", "", "iam-token", TestingYandex.IAM_TOKEN));
        synthesize(SpeechRequest.of("Привет", AudioFormat.MP3));
        tts.close();
        tts = create(Map.of("folder-id", ""));
        server.enqueue(audio(MP3));
        synthesize(SpeechRequest.of("Привет", AudioFormat.MP3));

        server.takeRequest(1, TimeUnit.SECONDS);
        RecordedRequest bearer = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("Bearer " + TestingYandex.IAM_TOKEN, bearer.getHeader("Authorization"));
        assertTrue(bearer.getBody().readUtf8().endsWith("&folderId=" + TestingYandex.FOLDER));
        assertFalse(server.takeRequest(1, TimeUnit.SECONDS).getBody().readUtf8().contains("folderId"));
    }

    @Test
    void refusesWhatYandexCannotDoBeforeAnyCall() {
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Hi", AudioFormat.FLAC)).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Hi", AudioFormat.MP3).withVoice("kevin16")).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Hi", AudioFormat.MP3).withVoice("alena:evil")).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Hi", AudioFormat.MP3).withVoice("john").withLanguage("ru-RU")).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Merhaba", AudioFormat.MP3).withLanguage("tr-TR")).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("Hi", AudioFormat.MP3).withSpeed(3.5)).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(SpeechRequest.of("x".repeat(5001), AudioFormat.MP3)).kind());
        VoiceException encodedTooLong = failure(SpeechRequest.of("я".repeat(3000), AudioFormat.MP3));
        assertTrue(encodedTooLong.getMessage().contains("URL-encoded"), encodedTooLong.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void takesTheLongestTextThatFits() {
        server.enqueue(audio(MP3));

        assertEquals("yandex", synthesize(SpeechRequest.of("x".repeat(5000), AudioFormat.MP3)).provider());
    }

    @Test
    void declaresFormatsVoicesLanguagesAndTheTextLimit() {
        assertEquals(Set.copyOf(EnumSet.of(AudioFormat.MP3, AudioFormat.OGG_OPUS, AudioFormat.PCM, AudioFormat.WAV)),
                tts.capabilities().outputFormats());
        assertEquals(5000, tts.capabilities().maxTextChars());
        assertTrue(tts.capabilities().supportsVoice("alena") && tts.capabilities().supportsVoice("jane:good"));
        assertTrue(tts.capabilities().supportsVoice("alloy") && tts.capabilities().supportsVoice("verse"));
        assertFalse(tts.capabilities().supportsVoice("kevin16"));
        assertTrue(tts.capabilities().supportsLanguage("ru-RU") && tts.capabilities().supportsLanguage("kk-KZ"));
        assertFalse(tts.capabilities().supportsLanguage("tr-TR"));
        assertTrue(tts.capabilities().models().isEmpty());
    }

    @Test
    void anAnswerThatIsNotAudioOfTheFormatIsAProviderError() {
        server.enqueue(new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/html").setBody("<html>gateway</html>"));
        server.enqueue(audio(MP3));
        server.enqueue(audio(new byte[0]));

        assertEquals(ErrorKind.PROVIDER_ERROR, failure(SpeechRequest.of("Привет", AudioFormat.MP3)).kind());
        assertEquals(ErrorKind.PROVIDER_ERROR, failure(SpeechRequest.of("Привет", AudioFormat.OGG_OPUS)).kind());
        assertEquals(ErrorKind.PROVIDER_ERROR, failure(SpeechRequest.of("Привет", AudioFormat.PCM)).kind());
    }

    private static MockResponse audio(byte[] bytes) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "audio/mpeg").setBody(new Buffer().write(bytes));
    }

    private TtsProvider create(Map<String, String> overrides) {
        return mock.tts(overrides);
    }

    private SynthesizedSpeech synthesize(SpeechRequest request) {
        return tts.synthesize(request).toCompletableFuture().join();
    }

    private VoiceException failure(SpeechRequest request) {
        CompletionException e = assertThrows(CompletionException.class, () -> synthesize(request));
        assertTrue(e.getCause() instanceof VoiceException, String.valueOf(e.getCause()));
        assertFalse(e.getCause().getMessage().contains(TestingYandex.KEY));
        return (VoiceException) e.getCause();
    }
}
