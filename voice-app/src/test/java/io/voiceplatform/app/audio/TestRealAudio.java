package io.voiceplatform.app.audio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.multibindings.OptionalBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.app.TestingBuiltInProviders;
import io.voiceplatform.app.server.ServerSettings;
import io.voiceplatform.app.server.VoiceServer;
import io.voiceplatform.core.audio.AudioFormatDetector;
import io.voiceplatform.core.bootstrap.VoiceRuntime;
import io.voiceplatform.core.config.ConfigSources;
import io.voiceplatform.core.config.CoreSettingsReader;
import io.voiceplatform.core.config.VoiceConfig;
import io.voiceplatform.core.testing.TestingAudio;
import io.voiceplatform.core.testing.TestingAudioFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real recordings (espeak-ng, sox, ffmpeg) in every upload format of the OpenAI API, at 8 to 48 kHz, through the
 * real service on loopback to the embedded engine (with a grammar, so the words are exact); and its speech in
 * every response_format.
 */
@Timeout(600)
class TestRealAudio {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static VoiceRuntime runtime;
    private static VoiceServer server;

    @TempDir
    static Path workDir;

    @BeforeAll
    static void start() throws Exception {
        Path conf = workDir.resolve("local.conf");
        Files.writeString(conf, """
                voice.stt.providers = ["local"]
                voice.tts.providers = ["local"]
                voice.server.rate-limit.per-minute = 100000
                voice.providers.local.grammar = "hello world, open the door, one two three"
                voice.providers.local.max-audio-duration = 20s
                """);
        VoiceConfig config = VoiceConfig.load(new ConfigSources(Map.of(), TestingBuiltInProviders.systemProperties(), workDir, Optional.of(conf), TestRealAudio.class.getClassLoader()));
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        runtime = VoiceRuntime.start(config, binder -> OptionalBinder.newOptionalBinder(binder, MeterRegistry.class)
                .setBinding().toInstance(meters));
        server = VoiceServer.start(runtime, ServerSettings.read(config, CoreSettingsReader.read(config)).withPort(0), meters);
    }

    @AfterAll
    static void stop() {
        server.close();
        runtime.close();
    }

    @TestFactory
    List<DynamicTest> everyUploadFormatAndRateIsTranscribed() {
        return TestingAudioFiles.helloWorld().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            HttpResponse<String> response = transcribe(file.getFileName().toString(), TestingAudioFiles.bytes(file));
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("hello world", JSON.readTree(response.body()).get("text").asText(), file.toString());
            assertEquals("local", response.headers().firstValue("X-Voice-Provider").orElse(""));
        })).toList();
    }

    @Test
    void aRecordingLongerThanTheEngineTakesIsA400NamingTheLimit() throws Exception {
        HttpResponse<String> response = transcribe("long.wav", TestingAudio.wav(21, 300));
        assertEquals(400, response.statusCode(), response.body());
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertEquals("file", error.get("param").asText());
        assertTrue(error.get("message").asText().contains("at most 20 s of audio; this recording is 21.0 s"), response.body());
        assertFalse(response.body().contains("Exception"), response.body());
    }

    @Test
    void speechComesInEveryResponseFormatAndPcmIsTwentyFourKiloHertz() throws Exception {
        byte[] wav = speak("wav");
        assertEquals(16_000, java.nio.ByteBuffer.wrap(wav, 24, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(), "wav at the voice's rate");
        Map<String, AudioFormat> formats = Map.of("mp3", AudioFormat.MP3, "opus", AudioFormat.OGG_OPUS, "aac", AudioFormat.AAC,
                "flac", AudioFormat.FLAC, "wav", AudioFormat.WAV);
        for (Map.Entry<String, AudioFormat> format : formats.entrySet()) {
            byte[] audio = speak(format.getKey());
            assertEquals(Optional.of(format.getValue()), AudioFormatDetector.detect(Arrays.copyOf(audio, 64)), format.getKey());
        }
        byte[] pcm = speak("pcm");
        int wavSamples = (wav.length - 44) / 2;
        assertEquals(wavSamples * 3 / 2, pcm.length / 2, 48, "pcm holds the same speech at 24 kHz");
    }

    private static byte[] speak(String format) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/audio/speech"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"tts-1\",\"input\":\"hello world\",\"voice\":\"alloy\",\"response_format\":\""
                        + format + "\"}")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), format + ": " + new String(response.body(), StandardCharsets.UTF_8));
        return response.body();
    }

    private static HttpResponse<String> transcribe(String name, byte[] file) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n--b\r\nContent-Disposition: form-data; "
                + "name=\"file\"; filename=\"" + name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(file);
        body.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/audio/transcriptions"))
                .header("Content-Type", "multipart/form-data; boundary=b").timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
