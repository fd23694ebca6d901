package io.voiceplatform.providers.openai;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.TimestampDetail;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.providers.testkit.MockProviderServer;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static io.voiceplatform.providers.testkit.MockProviderServer.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exact requests the plugin sends, how it reads OpenAI's answers, and its streamed speech, against a local mock server. */
@Timeout(30)
class TestOpenAiPlugin {
    private static final String CANARY = "sk-canary-0123456789abcdef";
    @RegisterExtension
    final MockProviderServer mock = new MockProviderServer(new OpenAiPlugin(),
            url -> Map.of("enabled", "true", "api-key", CANARY, "base-url", url + "v1", "timeout", "1s"));
    private MockWebServer server;

    @BeforeEach
    void start() {
        server = mock.server();
    }

    private static TranscriptionRequest wav() {
        return TranscriptionRequest.of(Audio.of("RIFF....WAVEfmt audio".getBytes(StandardCharsets.US_ASCII), AudioFormat.WAV));
    }

    @Test
    void sendsATranscriptionAsOpenAiDocumentsIt() throws Exception {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(fixture("transcription.json")));
        Transcript transcript = mock.stt(Map.of()).transcribe(wav().withLanguage("ru-RU").withPrompt("names: Voice")).toCompletableFuture().join();
        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("POST", request.getMethod());
        assertEquals("/v1/audio/transcriptions", request.getPath());
        assertEquals("Bearer " + CANARY, request.getHeader("Authorization"));
        assertTrue(request.getHeader("Content-Type").startsWith("multipart/form-data; boundary="));
        String body = request.getBody().readUtf8();
        assertTrue(body.contains("name=\"file\"; filename=\"audio.wav\"\r\nContent-Type: audio/wav\r\n\r\nRIFF....WAVEfmt audio"), body);
        assertTrue(body.contains("name=\"model\"\r\n\r\nwhisper-1\r\n"));
        assertTrue(body.contains("name=\"response_format\"\r\n\r\njson\r\n"));
        assertTrue(body.contains("name=\"language\"\r\n\r\nru\r\n"), "ru-RU is sent as ru");
        assertTrue(body.contains("name=\"prompt\"\r\n\r\nnames: Voice\r\n"));
        assertTrue(transcript.text().startsWith("Imagine the wildest idea"));
        assertEquals("openai", transcript.provider());
    }

    @Test
    void aSelfHostedServerGetsNoKeyWhenNoneIsSet() throws Exception {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(fixture("transcription.json")));
        mock.stt(Map.of("api-key", "")).transcribe(wav()).toCompletableFuture().join();
        assertEquals(null, server.takeRequest(1, TimeUnit.SECONDS).getHeader("Authorization"));
    }

    @Test
    void openAisOwnApiWithoutAKeyFailsBeforeAnyCall() {
        CompletionException e = assertThrows(CompletionException.class, () -> mock.stt(Map.of("api-key", "",
                "base-url", "https://api.openai.com/v1")).transcribe(wav()).toCompletableFuture().join());
        assertEquals(ErrorKind.AUTHENTICATION, assertInstanceOf(VoiceException.class, e.getCause()).kind());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void asksForVerboseJsonWhenTimestampsAreWantedAndReadsThem() throws Exception {
        server.enqueue(new MockResponse().setBody(fixture("transcription-verbose.json")));
        Transcript t = mock.stt(Map.of()).transcribe(wav().withTimestampDetail(TimestampDetail.WORD)).toCompletableFuture().join();
        String body = server.takeRequest().getBody().readUtf8();
        assertTrue(body.contains("name=\"response_format\"\r\n\r\nverbose_json\r\n"));
        assertTrue(body.contains("name=\"timestamp_granularities[]\"\r\n\r\nword\r\n"));
        assertEquals("en", t.language());
        assertEquals(8470, t.duration().toMillis());
        assertEquals(1, t.segments().size());
        assertEquals("The beach was a popular spot on a hot summer day.", t.segments().get(0).text());
        assertEquals(2, t.words().size());
        assertEquals("beach", t.words().get(1).text());
    }

    @Test
    void sendsSpeechAsJsonAndReturnsTheAudio() throws Exception {
        byte[] mp3 = {'I', 'D', '3', 4, 0, 0, 1, 2, 3};
        server.enqueue(new MockResponse().setHeader("Content-Type", "audio/mpeg").setBody(new Buffer().write(mp3)));
        SynthesizedSpeech speech = mock.tts(Map.of()).synthesize(SpeechRequest.of("Hello there", AudioFormat.MP3).withVoice("nova").withSpeed(1.25))
                .toCompletableFuture().join();
        RecordedRequest request = server.takeRequest();
        assertEquals("/v1/audio/speech", request.getPath());
        assertEquals("application/json", request.getHeader("Content-Type"));
        assertEquals("{\"model\":\"tts-1\",\"input\":\"Hello there\",\"voice\":\"nova\",\"response_format\":\"mp3\",\"speed\":1.25}",
                request.getBody().readUtf8());
        assertEquals(AudioFormat.MP3, speech.audio().format());
        assertEquals(mp3.length, speech.audio().size());
        server.enqueue(new MockResponse().setBody(new Buffer().write(new byte[4800])));
        SynthesizedSpeech pcm = mock.tts(Map.of()).synthesize(SpeechRequest.of("x", AudioFormat.PCM).withOutputFormat(AudioFormat.OGG_OPUS)
                .withOutputFormat(AudioFormat.PCM)).toCompletableFuture().join();
        assertEquals(24_000, pcm.audio().sampleRate().getAsInt());
        assertTrue(server.takeRequest().getBody().readUtf8().contains("\"response_format\":\"pcm\""));
    }

    @Test
    void streamsSpeechAsTheBodyArrives() throws Exception {
        byte[] audio = new byte[64 * 1024];
        audio[0] = 'I';
        server.enqueue(new MockResponse().setHeader("Content-Type", "audio/mpeg")
                .setBody(new okio.Buffer().write(audio)).throttleBody(16 * 1024, 100, TimeUnit.MILLISECONDS));
        TtsProvider tts = mock.tts(Map.of("timeout", "5s"));
        assertTrue(tts.capabilities().streaming());

        long start = System.nanoTime();
        var stream = tts.synthesizeStream(SpeechRequest.of("hello", AudioFormat.MP3)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        long firstMillis = (System.nanoTime() - start) / 1_000_000;
        byte[] got = stream.audio().readAllBytes();
        long allMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(AudioFormat.MP3, stream.format());
        assertEquals(audio.length, got.length);
        assertTrue(firstMillis < allMillis - 150, "the stream was handed over before the body ended: first " + firstMillis + " ms, all " + allMillis + " ms");
        assertEquals("/v1/audio/speech", server.takeRequest().getPath());
    }

    @Test
    void aStreamedErrorIsMappedLikeAnyOther() {
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "3")
                .setBody("{\"error\":{\"message\":\"Rate limit reached for " + CANARY + "\"}}"));
        TtsProvider tts = mock.tts(Map.of());
        CompletionException e = assertThrows(CompletionException.class,
                () -> tts.synthesizeStream(SpeechRequest.of("hello", AudioFormat.MP3)).toCompletableFuture().join());
        VoiceException v = assertInstanceOf(VoiceException.class, e.getCause());
        assertEquals(ErrorKind.RATE_LIMITED, v.kind());
        assertEquals(Optional.of(Duration.ofSeconds(3)), v.retryAfter());
        assertFalse(v.getMessage().contains(CANARY));
    }

    @Test
    void aStreamThatStallsIsClosedAfterTheTimeLimit() throws Exception {
        server.enqueue(new MockResponse().setHeader("Content-Type", "audio/mpeg").setBody(new okio.Buffer().write(new byte[2048]))
                .throttleBody(1024, 1500, TimeUnit.MILLISECONDS));
        TtsProvider tts = mock.tts(Map.of("timeout", "300ms"));
        var stream = tts.synthesizeStream(SpeechRequest.of("hello", AudioFormat.MP3)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        IOException e = assertThrows(IOException.class, () -> stream.audio().readAllBytes());
        assertTrue(e.getMessage().contains("no audio for 300 ms"), e.getMessage());
    }
}
