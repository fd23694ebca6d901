package io.voiceplatform.providers.yandex;

import io.voiceplatform.providers.testkit.MockProviderServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.voiceplatform.providers.support.PcmAudio;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TimestampDetail;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.VoiceException;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

/** The exact requests of {@code POST /speech/v1/stt:recognize} and how each documented answer is read, against a local server. */
@Timeout(20)
class TestYandexSttProvider {
    private static final String PATH = "/speech/v1/stt:recognize";
    private static final byte[] OGG = "OggS\0\2fake opus pages".getBytes(StandardCharsets.ISO_8859_1);

    @RegisterExtension
    final MockProviderServer mock = TestingYandex.mockServer();
    private MockWebServer server;
    private SttProvider stt;

    @BeforeEach
    void create() {
        server = mock.server();
        stt = mock.stt(Map.of());
    }

    @Test
    void postsTheSamplesOfAWavWithTopicLanguageFolderAndFormat() throws Exception {
        server.enqueue(json(200, "recognize-success.json"));

        Transcript t = transcribe(TranscriptionRequest.of(TestingYandex.wav()).withLanguage("ru-RU"));

        RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("POST", sent.getMethod());
        assertEquals(PATH + "?topic=general&lang=ru-RU&folderId=" + TestingYandex.FOLDER + "&format=lpcm&sampleRateHertz=16000",
                sent.getPath());
        assertEquals("Api-Key " + TestingYandex.KEY, sent.getHeader("Authorization"));
        assertEquals("application/octet-stream", sent.getHeader("Content-Type"));
        assertArrayEquals(TestingYandex.pcm().toByteArray(), sent.getBody().readByteArray(), "16 kHz mono passes through, header dropped");
        assertEquals("привет мир", t.text());
        assertEquals("ru-RU", t.language());
        assertEquals(Duration.ofMillis(100), t.duration());
        assertTrue(t.confidence().isEmpty());
        assertEquals("general", t.model());
        assertEquals("yandex", t.provider());
    }

    @Test
    void convertsA48KhzStereoWavTo16KhzMonoSamples() throws Exception {
        server.enqueue(json(200, "recognize-success.json"));
        // 0.1 s at 48 kHz, left 1000 and right 3000: a third as many frames, each the channels' mean.
        ByteBuffer stereo = ByteBuffer.allocate(4800 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int f = 0; f < 4800; f++) {
            stereo.putShort((short) 1000).putShort((short) 3000);
        }
        Audio wav = PcmAudio.toWav(Audio.of(stereo.array(), AudioFormat.PCM, 48_000, 2));

        Transcript t = transcribe(TranscriptionRequest.of(wav).withLanguage("ru"));

        RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
        assertTrue(sent.getPath().endsWith("&format=lpcm&sampleRateHertz=16000"), sent.getPath());
        ByteBuffer body = ByteBuffer.wrap(sent.getBody().readByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1600 * 2, body.remaining(), "1600 samples of 16 bits");
        while (body.hasRemaining()) {
            assertEquals(2000, body.getShort());
        }
        assertEquals(Duration.ofMillis(100), t.duration());
    }

    @Test
    void resamplesRawPcmAt8KhzTo16Khz() throws Exception {
        server.enqueue(json(200, "recognize-success.json"));
        Audio pcm = TestingYandex.pcm(8000, 1, 800, frame -> (short) -1234);

        transcribe(TranscriptionRequest.of(pcm).withLanguage("ru-RU"));

        RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
        assertTrue(sent.getPath().endsWith("&format=lpcm&sampleRateHertz=16000"), sent.getPath());
        ByteBuffer body = ByteBuffer.wrap(sent.getBody().readByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1600 * 2, body.remaining());
        assertEquals(-1234, body.getShort(0));
        assertEquals(-1234, body.getShort(1599 * 2));
    }

    @Test
    void sendsOggOpusAsItIs() throws Exception {
        server.enqueue(json(200, "recognize-success.json"));

        Transcript t = transcribe(TranscriptionRequest.of(Audio.of(OGG, AudioFormat.OGG_OPUS)).withLanguage("ru-RU"));

        RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals(PATH + "?topic=general&lang=ru-RU&folderId=" + TestingYandex.FOLDER + "&format=oggopus", sent.getPath());
        assertEquals("audio/ogg", sent.getHeader("Content-Type"));
        assertArrayEquals(OGG, sent.getBody().readByteArray());
        assertEquals(Duration.ZERO, t.duration(), "not known without decoding");
    }

    @Test
    void recognizesTheConfiguredDefaultLanguageForAuto() throws Exception {
        server.enqueue(json(200, "recognize-success.json"));
        server.enqueue(json(200, "recognize-success.json"));

        Transcript ru = transcribe(TranscriptionRequest.of(TestingYandex.wav()));
        stt.close();
        stt = create(Map.of("default-language", "en"));
        Transcript en = transcribe(TranscriptionRequest.of(TestingYandex.wav()));

        assertTrue(server.takeRequest(1, TimeUnit.SECONDS).getPath().contains("&lang=ru-RU&"));
        assertTrue(server.takeRequest(1, TimeUnit.SECONDS).getPath().contains("&lang=en-US&"));
        assertEquals("ru-RU", ru.language());
        assertEquals("en-US", en.language());
    }

    @ParameterizedTest(name = "{0} is sent as {1}")
    @CsvSource({"ru, ru-RU", "en, en-US", "en-US, en-US", "en-GB, en-US", "tr-TR, tr-TR", "kk-KK, kk-KZ", "kk, kk-KZ",
            "uz-UZ, uz-UZ", "de-DE, de-DE", "pt-BR, pt-BR", "pt, pt-PT"})
    void sendsEachPlatformTagAsYandexsCode(String tag, String code) throws Exception {
        server.enqueue(json(200, "recognize-success.json"));

        transcribe(TranscriptionRequest.of(TestingYandex.wav()).withLanguage(tag));

        assertTrue(server.takeRequest(1, TimeUnit.SECONDS).getPath().contains("&lang=" + code + "&"));
        assertTrue(stt.capabilities().supportsLanguage(tag), "capabilities offer " + tag);
    }

    @Test
    void sendsAnIamTokenAsBearer() throws Exception {
        stt.close();
        stt = create(Map.of("api-key", "", "iam-token", TestingYandex.IAM_TOKEN));
        server.enqueue(json(200, "recognize-success.json"));

        transcribe(TranscriptionRequest.of(TestingYandex.wav()).withLanguage("ru-RU"));

        RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("Bearer " + TestingYandex.IAM_TOKEN, sent.getHeader("Authorization"));
        assertTrue(sent.getPath().contains("&folderId=" + TestingYandex.FOLDER + "&"));
    }

    @Test
    void sendsNoFolderWhenNoneIsConfigured() throws Exception {
        stt.close();
        stt = create(Map.of("folder-id", ""));
        server.enqueue(json(200, "recognize-success.json"));

        transcribe(TranscriptionRequest.of(TestingYandex.wav()).withLanguage("ru-RU"));

        assertEquals(PATH + "?topic=general&lang=ru-RU&format=lpcm&sampleRateHertz=16000", server.takeRequest(1, TimeUnit.SECONDS).getPath());
    }

    @Test
    void usesTheTopicTheRequestNamesWhenOffered() throws Exception {
        server.enqueue(json(200, "recognize-success.json"));
        server.enqueue(json(200, "recognize-success.json"));

        Transcript chosen = transcribe(TranscriptionRequest.of(TestingYandex.wav()).withLanguage("ru").withModelHint(Optional.of("general:rc")));
        Transcript fallback = transcribe(TranscriptionRequest.of(TestingYandex.wav()).withLanguage("ru").withModelHint(Optional.of("whisper-1")));

        assertTrue(server.takeRequest(1, TimeUnit.SECONDS).getPath().startsWith(PATH + "?topic=general%3Arc&"));
        assertTrue(server.takeRequest(1, TimeUnit.SECONDS).getPath().startsWith(PATH + "?topic=general&"));
        assertEquals("general:rc", chosen.model());
        assertEquals("general", fallback.model());
    }

    @Test
    void readsSilenceAsAnEmptyTranscriptWithoutTimings() throws Exception {
        server.enqueue(json(200, "recognize-silence.json"));

        Transcript t = transcribe(TranscriptionRequest.of(TestingYandex.wav()).withLanguage("ru").withTimestampDetail(TimestampDetail.WORD));

        assertEquals("", t.text());
        assertTrue(t.words().isEmpty() && t.segments().isEmpty(), "API v1 gives no timings");
    }

    @Test
    void refusesMoreThanOneMegabyteBeforeAnyCall() {
        Audio big = Audio.of(new byte[1024 * 1024 + 1], AudioFormat.OGG_OPUS);
        Audio justFits = Audio.of(new byte[1024 * 1024], AudioFormat.OGG_OPUS);
        server.enqueue(json(200, "recognize-success.json"));

        // 6 s of 48 kHz stereo: over 1 MB as given, though its 16 kHz mono samples would fit; the declared limit holds.
        Audio bigWav = PcmAudio.toWav(TestingYandex.pcm(48_000, 2, 48_000 * 6, frame -> (short) 0));
        assertTrue(bigWav.size() > 1024 * 1024);

        assertEquals(ErrorKind.UNSUPPORTED, failure(TranscriptionRequest.of(big).withLanguage("ru")).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(TranscriptionRequest.of(bigWav).withLanguage("ru")).kind());
        assertEquals(0, server.getRequestCount());
        assertEquals(1024 * 1024, justFits.size());
        assertEquals("привет мир", transcribe(TranscriptionRequest.of(justFits).withLanguage("ru")).text(), "exactly 1 MB is taken");
        assertEquals(1024 * 1024, stt.capabilities().maxAudioBytes());
    }

    @Test
    void refusesMoreThanThirtySecondsBeforeAnyCall() {
        Audio longer = TestingYandex.pcm(8000, 1, 8000 * 31, frame -> (short) 0);

        VoiceException e = failure(TranscriptionRequest.of(longer).withLanguage("ru"));

        assertEquals(ErrorKind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().contains("30 seconds"), e.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void refusesWhatYandexCannotTakeBeforeAnyCall() {
        Audio mp3 = Audio.of(new byte[]{(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x44}, AudioFormat.MP3);
        ByteBuffer floatWav = ByteBuffer.wrap(TestingYandex.wav().toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        floatWav.putShort(20, (short) 3).putShort(34, (short) 32);

        assertEquals(ErrorKind.UNSUPPORTED, failure(TranscriptionRequest.of(mp3).withLanguage("ru")).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(TranscriptionRequest.of(TestingYandex.wav()).withLanguage("ja-JP")).kind());
        assertEquals(ErrorKind.UNSUPPORTED, failure(TranscriptionRequest.of(Audio.of(floatWav.array(), AudioFormat.WAV)).withLanguage("ru")).kind());
        assertEquals(ErrorKind.INVALID_REQUEST, failure(TranscriptionRequest.of(PcmAudio.toWav(
                Audio.of(new byte[0], AudioFormat.PCM, 16_000, 1))).withLanguage("ru")).kind());
        assertEquals(0, server.getRequestCount());
        assertFalse(stt.capabilities().inputFormats().contains(AudioFormat.MP3));
        assertFalse(stt.capabilities().supportsLanguage("ja-JP"));
    }

    @Test
    void anIamTokenEchoedInAnErrorIsBlankedOut() {
        stt.close();
        stt = create(Map.of("api-key", "", "iam-token", TestingYandex.IAM_TOKEN));
        server.enqueue(new MockResponse().setResponseCode(401).setHeader("Content-Type", "application/json")
                .setBody("{\"code\": 16, \"message\": \"Unknown token '" + TestingYandex.IAM_TOKEN + "'\", \"details\": []}"));

        VoiceException e = failure(TranscriptionRequest.of(TestingYandex.wav()).withLanguage("ru"));

        assertTrue(e.getMessage().contains("Unknown token '****'"), e.getMessage());
        assertFalse(stt.checkHealth().toCompletableFuture().join().detail().contains(TestingYandex.IAM_TOKEN));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"text\": \"no result field\"}",
            "{\"result\": 42}",
            "[\"result\"]"})
    void anAnswerWithoutAResultTextIsAProviderError(String body) {
        server.enqueue(new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(body));

        assertEquals(ErrorKind.PROVIDER_ERROR, failure(TranscriptionRequest.of(TestingYandex.wav()).withLanguage("ru")).kind());
    }

    private SttProvider create(Map<String, String> overrides) {
        return mock.stt(overrides);
    }

    private Transcript transcribe(TranscriptionRequest request) {
        return stt.transcribe(request).toCompletableFuture().join();
    }

    private VoiceException failure(TranscriptionRequest request) {
        CompletionException e = assertThrows(CompletionException.class, () -> transcribe(request));
        assertTrue(e.getCause() instanceof VoiceException, String.valueOf(e.getCause()));
        VoiceException failure = (VoiceException) e.getCause();
        assertFalse(failure.getMessage().contains(TestingYandex.KEY), "the key leaked: " + failure.getMessage());
        return failure;
    }
}
