package io.voiceplatform.app.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.multibindings.OptionalBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.voiceplatform.app.faults.ResourceSnapshot;
import io.voiceplatform.app.openai.ApiSettings;
import io.voiceplatform.app.server.ConnectionLimits;
import io.voiceplatform.app.server.ServerSettings;
import io.voiceplatform.app.server.VoiceServer;
import io.voiceplatform.core.bootstrap.VoiceRuntime;
import io.voiceplatform.core.config.ConfigSources;
import io.voiceplatform.core.config.VoiceConfig;
import io.voiceplatform.core.testing.TestingPlugins;
import io.voiceplatform.core.testing.TestingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 1,000 uploads over the size limit at once, over raw sockets: each declares 64 MB and sends 1 KB of it. Every
 * one gets a 413 in OpenAI's shape without the service waiting for (or buffering) the rest, none waits for an
 * in-flight slot, then a good request works and the threads fall back near where they were.
 */
class TestOversizedUploadFlood {
    private static final int UPLOADS = 1000;
    private static final long DECLARED = 64L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
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
    }

    private void start() throws Exception {
        Path conf = workDir.resolve("flood.conf");
        // A small in-flight bound with a short wait: an oversized upload that took a slot would crowd out the rest as 503s.
        Files.writeString(conf, "voice.stt.providers = [\"fake\"]\nvoice.tts.providers = [\"fake\"]\nvoice.providers.local.enabled = false\n"
                + "voice.limits.max-in-flight = 4\nvoice.limits.in-flight-wait = 20ms\n");
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        runtime = VoiceRuntime.start(VoiceConfig.load(new ConfigSources(Map.of(), Map.of(), workDir, Optional.of(conf),
                        getClass().getClassLoader())), List.of(TestingPlugins.of(new TestingProvider("fake"))),
                List.of(binder -> OptionalBinder.newOptionalBinder(binder, MeterRegistry.class).setBinding().toInstance(meters)));
        server = VoiceServer.start(runtime, new ServerSettings("127.0.0.1", 0,
                new ApiSettings(1 << 20, List.of(), 1_000_000, false), Duration.ofSeconds(5),
                Duration.ofSeconds(5), false, new ConnectionLimits(Duration.ofSeconds(10), 0, 0)), meters);
    }

    private String goodSpeech() throws Exception {
        String json = "{\"input\":\"after the flood\",\"response_format\":\"wav\"}";
        try (RawHttp http = new RawHttp(server.port())) {
            return http.send("POST /v1/audio/speech HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                    + json.length() + "\r\n\r\n" + json).read(Duration.ofSeconds(20)).orElseThrow().status() + "";
        }
    }

    @Test
    @Timeout(180)
    void aThousandOversizedUploadsAtOnceAreEach413Quickly() throws Exception {
        start();
        assertEquals("200", goodSpeech());
        ResourceSnapshot baseline = ResourceSnapshot.take();
        byte[] head = ("POST /v1/audio/transcriptions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                + "Content-Length: " + DECLARED + "\r\n\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.wav\"\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] someBody = new byte[1024];
        CountDownLatch go = new CountDownLatch(1);
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        List<Thread> clients = new ArrayList<>();
        long[] slowest = new long[1];
        for (int i = 0; i < UPLOADS; i++) {
            Thread client = new Thread(() -> {
                String outcome;
                try (RawHttp http = new RawHttp(server.port())) {
                    go.await();
                    long start = System.nanoTime();
                    Optional<RawHttp.Response> answer = http.send(head).send(someBody).read(Duration.ofSeconds(60));
                    synchronized (slowest) {
                        slowest[0] = Math.max(slowest[0], System.nanoTime() - start);
                    }
                    outcome = answer.map(TestOversizedUploadFlood::describe).orElse("closed without an answer");
                } catch (Exception | AssertionError e) {
                    outcome = e.toString();
                }
                outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
            }, "flood-" + i);
            client.setDaemon(true);
            clients.add(client);
            client.start();
        }
        long began = System.nanoTime();
        go.countDown();
        for (Thread client : clients) {
            client.join(120_000);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        assertEquals(Map.of("413 request_too_large", UPLOADS), Map.copyOf(outcomes.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()))), "outcomes");
        assertEquals("200", goodSpeech(), "the next good request");
        ResourceSnapshot peak = ResourceSnapshot.take();
        System.out.println("upload flood: right after: " + peak + "; " + threadsByName());
        ResourceSnapshot after = peak;
        // Idle request threads are let go after 10 s; give them up to 30.
        for (int i = 0; i < 30 && !after.within(baseline, 10, 20, 64L << 20); i++) {
            Thread.sleep(1000);
            after = ResourceSnapshot.take();
        }
        System.out.printf("upload flood: %d uploads declaring %d MB answered 413 in %d ms (slowest %d ms); before: %s; after: %s%n",
                UPLOADS, DECLARED >> 20, took.toMillis(), slowest[0] / 1_000_000, baseline, after);
        assertTrue(took.compareTo(Duration.ofSeconds(60)) < 0, "took " + took);
        assertTrue(after.threads() <= baseline.threads() + 10, "threads " + baseline.threads() + " -> " + after.threads()
                + ": " + threadsByName());
        assertTrue(after.heapBytes() <= baseline.heapBytes() + (64L << 20), "heap " + baseline + " -> " + after);
    }

    /** Live threads counted by name with the numbers taken out, to say which pool kept them. */
    private static Map<String, Long> threadsByName() {
        return new java.util.TreeMap<>(Thread.getAllStackTraces().keySet().stream()
                .collect(java.util.stream.Collectors.groupingBy(t -> t.getName().replaceAll("\\d+", "#"), java.util.stream.Collectors.counting())));
    }

    private static String describe(RawHttp.Response response) {
        try {
            JsonNode error = JSON.readTree(response.body()).get("error");
            return response.status() + " " + (error == null ? "not OpenAI's shape" : error.path("code").asText());
        } catch (java.io.IOException e) {
            return response.status() + " not JSON";
        }
    }
}
