package io.voiceplatform.app.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.voiceplatform.api.plugin.Secret;
import io.voiceplatform.core.bootstrap.VoiceRuntime;
import io.voiceplatform.core.config.ConfigSources;
import io.voiceplatform.core.config.VoiceConfig;
import io.voiceplatform.core.health.PerformanceStatus;
import io.voiceplatform.core.testing.TestingPlugins;
import io.voiceplatform.core.testing.TestingProvider;
import io.voiceplatform.core.testing.TestingProvider.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The limits that keep a flood from exhausting the service: rate per key, requests in flight, upload size. */
@Timeout(60)
class TestApiLimits {
    private static final String KEY = "sk-limits-test";
    private final HttpClient http = HttpClient.newHttpClient();
    private final TestingProvider provider = new TestingProvider("fake");
    private VoiceRuntime runtime;
    private Javalin server;

    @TempDir
    Path workDir;

    private void start(ApiSettings settings) throws IOException {
        start(settings, 8, "100ms");
    }

    private void start(ApiSettings settings, int maxInFlight, String inFlightWait) throws IOException {
        Path conf = workDir.resolve("limits.conf");
        Files.writeString(conf, "voice.stt.providers = [\"fake\"]\nvoice.tts.providers = [\"fake\"]\nvoice.providers.local.enabled = false\n"
                + "voice.limits.max-in-flight = " + maxInFlight + "\nvoice.limits.in-flight-wait = " + inFlightWait + "\n");
        runtime = VoiceRuntime.start(VoiceConfig.load(new ConfigSources(Map.of(), Map.of(), workDir, Optional.of(conf),
                getClass().getClassLoader())), List.of(TestingPlugins.of(provider)), List.of());
        OpenAiApi api = new OpenAiApi(runtime.pipeline(), runtime.registry(), PerformanceStatus.notInstalled(false),
                settings, new SimpleMeterRegistry(), new ObjectMapper());
        server = Javalin.create(api::configure).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.stop();
        runtime.close();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).header("Authorization", "Bearer " + KEY);
    }

    private HttpRequest speech() {
        return request("/v1/audio/speech").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"hi\",\"response_format\":\"wav\"}")).build();
    }

    @Test
    void aKeyOverItsRateGets429WithRetryAfter() throws Exception {
        start(new ApiSettings(1 << 20, List.of(Secret.of(KEY)), 3, false, 256L << 20, Duration.ofSeconds(2)));
        for (int i = 0; i < 3; i++) {
            assertEquals(200, http.send(request("/v1/models").build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        }
        HttpResponse<String> limited = http.send(request("/v1/models").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(429, limited.statusCode());
        assertTrue(limited.body().contains("\"code\":\"rate_limit_exceeded\""), limited.body());
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
    }

    @Test
    void requestsOverTheInFlightBoundGet503AndTheServiceRecovers() throws Exception {
        start(new ApiSettings(1 << 20, List.of(Secret.of(KEY)), 1000, false, 256L << 20, Duration.ofSeconds(2)), 1, "50ms");
        provider.then(Outcome.hang());
        CompletableFuture<HttpResponse<String>> first = http.sendAsync(speech(), HttpResponse.BodyHandlers.ofString());
        for (int i = 0; i < 200 && provider.calls() == 0; i++) {
            Thread.sleep(10);
        }
        HttpResponse<String> second = http.send(speech(), HttpResponse.BodyHandlers.ofString());
        assertEquals(503, second.statusCode(), second.body());
        assertTrue(second.headers().firstValue("Retry-After").isPresent());
        provider.then(Outcome.succeed());
        provider.releaseHanging();
        assertEquals(200, first.get().statusCode());
        assertEquals(200, http.send(speech(), HttpResponse.BodyHandlers.ofString()).statusCode(), "the slot was given back");
    }

    @Test
    void aChunkedUploadOverTheLimitIs413WithoutReadingItAll() throws Exception {
        start(new ApiSettings(1 << 20, List.of(Secret.of(KEY)), 1000, false, 256L << 20, Duration.ofSeconds(2)));
        byte[] head = ("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n\r\n").getBytes();
        long total = 8L << 20;
        InputStream body = new InputStream() {
            long sent;

            @Override
            public int read() {
                if (sent >= total) {
                    return -1;
                }
                return sent < head.length ? head[(int) sent++] : (int) (sent++ & 0x7F);
            }
        };
        HttpResponse<String> response = http.send(request("/v1/audio/transcriptions")
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"error\""), response.body());
        assertEquals(200, http.send(speech(), HttpResponse.BodyHandlers.ofString()).statusCode(), "still serving");
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413BeforeReading() throws Exception {
        start(new ApiSettings(1 << 20, List.of(Secret.of(KEY)), 1000, false, 256L << 20, Duration.ofSeconds(2)));
        HttpResponse<String> response = http.send(request("/v1/audio/transcriptions")
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[3 << 20])).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
    }
}
