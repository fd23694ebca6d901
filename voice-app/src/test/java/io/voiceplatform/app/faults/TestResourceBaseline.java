package io.voiceplatform.app.faults;

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
import io.voiceplatform.tools.mock.Fault;
import io.voiceplatform.tools.mock.FaultPlan;
import io.voiceplatform.tools.mock.FaultProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After 1,000 failing requests through the real HTTP API (the only provider's upstream answering 503, its
 * circuit kept closed so every request reaches it), this JVM's threads, open file descriptors and heap return
 * to their baseline: nothing leaks per failure. The numbers are printed for docs/reliability.md.
 */
class TestResourceBaseline {
    private static final int FAILING_REQUESTS = 1000;
    private static final int CONCURRENCY = 8;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private FaultProvider upstream;
    private VoiceRuntime runtime;
    private VoiceServer server;

    @TempDir
    Path workDir;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (runtime != null) {
            runtime.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private void start() throws Exception {
        upstream = FaultProvider.start(new FaultPlan(Duration.ZERO, Duration.ZERO, 1.0, Fault.ERROR_503, 1), "127.0.0.1", 0);
        Path conf = workDir.resolve("baseline.conf");
        Files.writeString(conf, """
                voice.stt.providers = ["openai"]
                voice.tts.providers = ["openai"]
                voice.providers.local.enabled = false
                voice.providers.openai.enabled = true
                voice.providers.openai.api-key = "sk-baseline"
                voice.providers.openai.base-url = "http://127.0.0.1:%d/v1"
                voice.providers.openai.timeout = 2s
                voice.resilience.retry.max-attempts = 1
                voice.resilience.circuit-breaker.failure-rate-threshold = 100
                voice.resilience.circuit-breaker.minimum-calls = 5000
                voice.resilience.circuit-breaker.sliding-window = 5000
                voice.resilience.circuit-breaker.consecutive-failures = 100000
                voice.server.rate-limit.per-minute = 100000
                """.formatted(upstream.port()));
        VoiceConfig config = VoiceConfig.load(new ConfigSources(Map.of(), TestingBuiltInProviders.systemProperties(), workDir, Optional.of(conf), getClass().getClassLoader()));
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        runtime = VoiceRuntime.start(config, binder -> OptionalBinder.newOptionalBinder(binder, MeterRegistry.class)
                .setBinding().toInstance(meters));
        server = VoiceServer.start(runtime, ServerSettings.read(config, CoreSettingsReader.read(config)).withPort(0), meters);
    }

    private HttpRequest request(int i) {
        URI base = URI.create("http://127.0.0.1:" + server.port());
        if (i % 2 == 0) {
            return HttpRequest.newBuilder(base.resolve("/v1/audio/speech")).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"hello " + i + "\",\"response_format\":\"mp3\"}")).build();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(TestingAudio.wav(0.05, 200 + i));
        body.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(base.resolve("/v1/audio/transcriptions")).header("Content-Type", "multipart/form-data; boundary=b")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    }

    /** Sends the requests, CONCURRENCY at a time; every one must fail in OpenAI's shape with 502 or 503. */
    private void fail(int from, int count) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(CONCURRENCY);
        Set<Integer> statuses = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = from; i < from + count; i++) {
                int n = i;
                sent.add(callers.submit(() -> {
                    HttpResponse<String> response = http.send(request(n), HttpResponse.BodyHandlers.ofString());
                    statuses.add(response.statusCode());
                    assertTrue(response.body().contains("\"error\""), response.body());
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            callers.shutdown();
        }
        assertTrue(Set.of(502, 503).containsAll(statuses), "statuses " + statuses);
    }

    @Test
    @Timeout(300)
    void aThousandFailingRequestsLeaveThreadsFdsAndHeapAtTheirBaseline() throws Exception {
        start();
        // Warm-up: pools, JIT and lazy singletons reach their working size before the baseline is taken.
        fail(0, 100);
        ResourceSnapshot baseline = ResourceSnapshot.take();
        long calls = upstream.speeches() + upstream.transcriptions();
        long began = System.nanoTime();
        fail(100, FAILING_REQUESTS);
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        assertEquals(FAILING_REQUESTS, upstream.speeches() + upstream.transcriptions() - calls, "every request reached the upstream");
        // Idle keep-alive connections and pool threads are let go on their own timers: give them up to 30 s.
        ResourceSnapshot after = ResourceSnapshot.take();
        for (int i = 0; i < 30 && !after.within(baseline, 10, 20, 64L << 20); i++) {
            Thread.sleep(1000);
            after = ResourceSnapshot.take();
        }
        System.out.printf("resource baseline: %d failing requests in %d ms; before: %s; after: %s%n",
                FAILING_REQUESTS, took.toMillis(), baseline, after);
        assertTrue(after.threads() <= baseline.threads() + 10, "threads " + baseline.threads() + " -> " + after.threads());
        assertTrue(after.fds() <= baseline.fds() + 20, "file descriptors " + baseline.fds() + " -> " + after.fds());
        assertTrue(after.heapBytes() <= baseline.heapBytes() + (64L << 20), "heap " + baseline + " -> " + after);
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "still serving");
    }
}
