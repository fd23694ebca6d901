package io.voiceplatform.app.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.multibindings.OptionalBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.voiceplatform.app.TestingBuiltInProviders;
import io.voiceplatform.app.server.ServerSettings;
import io.voiceplatform.app.server.VoiceServer;
import io.voiceplatform.core.bootstrap.VoiceRuntime;
import io.voiceplatform.core.config.ConfigSources;
import io.voiceplatform.core.config.CoreSettingsReader;
import io.voiceplatform.core.config.VoiceConfig;
import io.voiceplatform.core.testing.TestingAudio;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WAV files whose header claims 4 GB, sent to the embedded provider (the real Sphinx4 path) through the API.
 * Streaming encoders write such sizes as placeholders (0xFFFFFFFF when the length is unknown), so the samples
 * that are there are transcribed; a claim with no samples behind it is a 400 on {@code file}; a request that
 * declares 4 GB is a 413 before a byte of it is read. Never a 500, and the service keeps serving.
 */
class TestWavSizeClaims {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static VoiceRuntime runtime;
    private static VoiceServer server;

    @TempDir
    static Path workDir;

    @BeforeAll
    static void start() throws Exception {
        Path conf = workDir.resolve("local.conf");
        Files.writeString(conf, "voice.stt.providers = [\"local\"]\nvoice.tts.providers = [\"local\"]\nvoice.server.rate-limit.per-minute = 100000\n");
        VoiceConfig config = VoiceConfig.load(new ConfigSources(Map.of(), TestingBuiltInProviders.systemProperties(), workDir, Optional.of(conf), TestWavSizeClaims.class.getClassLoader()));
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

    @AfterEach
    void nextGoodRequestWorks() throws Exception {
        assertEquals(200, transcribe(TestingAudio.wav(0.3, 440)).status());
    }

    /** The WAV with both RIFF and data sizes set to 0xFFFFFFFF, the largest a 32-bit field can claim. */
    private static byte[] claimingFourGigabytes(byte[] wav) {
        byte[] claimed = Arrays.copyOf(wav, wav.length);
        ByteBuffer.wrap(claimed).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 0xFFFFFFFF).putInt(40, 0xFFFFFFFF);
        return claimed;
    }

    private static RawHttp.Response transcribe(byte[] wav) throws Exception {
        byte[] body = new TestHostileConnections.BadInputForm("b").file("file", "big.wav", wav).field("model", "whisper-1").body();
        try (RawHttp http = new RawHttp(server.port())) {
            return http.send("POST /v1/audio/transcriptions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").send(body).read(Duration.ofSeconds(60)).orElseThrow();
        }
    }

    @Test
    @Timeout(120)
    void aFourGigabyteClaimOverRealSamplesTranscribesWhatIsThere() throws Exception {
        RawHttp.Response response = transcribe(claimingFourGigabytes(TestingAudio.wav(0.5, 440)));
        assertEquals(200, response.status(), response.body());
        assertTrue(JSON.readTree(response.body()).path("text").isTextual(), response.body());
    }

    @Test
    @Timeout(120)
    void aFourGigabyteClaimWithNoSamplesIsABadFile() throws Exception {
        RawHttp.Response response = transcribe(claimingFourGigabytes(TestingAudio.wav(0, 440)));
        assertEquals(400, response.status(), response.body());
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertEquals("invalid_request_error", error.get("type").asText());
        assertEquals("file", error.get("param").asText(), response.body());
        assertFalse(response.body().contains("Exception"), response.body());
    }

    @Test
    @Timeout(60)
    void aRequestDeclaringFourGigabytesIs413BeforeItIsRead() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response response = http.send("POST /v1/audio/transcriptions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: " + (4L << 30) + "\r\n\r\n--b\r\n")
                    .read(Duration.ofSeconds(20)).orElseThrow();
            assertEquals(413, response.status(), response.body());
            assertEquals("request_too_large", JSON.readTree(response.body()).get("error").get("code").asText());
        }
    }
}
