package io.voiceplatform.app.faults;

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
import io.voiceplatform.tools.mock.Fault;
import io.voiceplatform.tools.mock.FaultPlan;
import io.voiceplatform.tools.mock.FaultProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real service, real sockets: the OpenAI plugin talks to the fault provider on loopback, the embedded
 * provider stands behind it. Faults in the upstream must end in fallback, never in a lost request.
 */
@Timeout(120)
class TestProviderFaults {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private FaultProvider upstream;
    private VoiceRuntime runtime;
    private VoiceServer server;

    @TempDir
    Path workDir;

    private void start(FaultPlan plan, String extraConfig) throws Exception {
        upstream = FaultProvider.start(plan, "127.0.0.1", 0);
        Path conf = workDir.resolve("faults.conf");
        Files.writeString(conf, """
                voice.stt.providers = ["openai", "local"]
                voice.tts.providers = ["openai", "local"]
                voice.providers.openai.enabled = true
                voice.providers.openai.api-key = "sk-fault-suite"
                voice.providers.openai.base-url = "http://127.0.0.1:%d/v1"
                voice.providers.openai.timeout = 2s
                voice.resilience.retry.initial-backoff = 10ms
                voice.resilience.retry.max-backoff = 2s
                voice.server.rate-limit.per-minute = 100000
                %s
                """.formatted(upstream.port(), extraConfig));
        VoiceConfig config = VoiceConfig.load(new ConfigSources(Map.of(), TestingBuiltInProviders.systemProperties(), workDir, Optional.of(conf), getClass().getClassLoader()));
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        runtime = VoiceRuntime.start(config, binder -> OptionalBinder.newOptionalBinder(binder, MeterRegistry.class)
                .setBinding().toInstance(meters));
        server = VoiceServer.start(runtime, ServerSettings.read(config, CoreSettingsReader.read(config)).withPort(0), meters);
    }

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

    private HttpResponse<byte[]> speak() throws Exception {
        return speak("auto");
    }

    private HttpResponse<byte[]> speak(String model) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/audio/speech"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                        + "\",\"input\":\"hello\",\"voice\":\"alloy\",\"response_format\":\"wav\"}")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aHealthyUpstreamServesAndSaysSo() throws Exception {
        start(FaultPlan.healthy(), "");
        HttpResponse<byte[]> response = speak();
        assertEquals(200, response.statusCode());
        assertEquals("openai", response.headers().firstValue("X-Voice-Provider").orElseThrow());
        assertEquals(1, upstream.speeches());
    }

    @Test
    void everyRequestSucceedsThroughFallbackWhileTheUpstreamFails() throws Exception {
        start(new FaultPlan(Duration.ZERO, Duration.ZERO, 1.0, Fault.ERROR_503, 1), "");
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> response = speak();
            assertEquals(200, response.statusCode(), new String(response.body()));
            assertEquals("local", response.headers().firstValue("X-Voice-Provider").orElseThrow());
            assertEquals("RIFF", new String(response.body(), 0, 4));
        }
        // Three tries for the first request, two for the second: five failures in a row open the circuit, and
        // from then on the dead upstream is not called at all.
        assertEquals(5, upstream.speeches());
    }

    @Test
    void aLongRetryAfterIsHonouredByMovingOnNotByHammering() throws Exception {
        start(new FaultPlan(Duration.ZERO, Duration.ZERO, 1.0, Fault.RATE_LIMIT, 120), "");
        for (int i = 0; i < 3; i++) {
            assertEquals("local", speak().headers().firstValue("X-Voice-Provider").orElseThrow());
        }
        assertEquals(3, upstream.speeches(), "one call per request: the upstream asked for 120 s");
    }

    @Test
    void theCircuitOpensStopsCallsAndClosesWhenTheUpstreamRecovers() throws Exception {
        start(new FaultPlan(Duration.ZERO, Duration.ZERO, 1.0, Fault.ERROR_500, 1),
                // Open long enough for the five fallbacks below, on a busy machine, to the embedded engine, cold in a new runtime.
                "voice.resilience.retry.max-attempts = 1\nvoice.resilience.circuit-breaker.open-duration = 2s");
        for (int i = 0; i < 5; i++) {
            assertEquals(200, speak().statusCode());
        }
        assertEquals(5, upstream.speeches());
        JsonNode details = json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/health/details")).build(), HttpResponse.BodyHandlers.ofString()).body());
        JsonNode openaiTts = null;
        for (JsonNode p : details.get("providers")) {
            if (p.get("id").asText().equals("openai") && p.get("operation").asText().equals("tts")) {
                openaiTts = p;
            }
        }
        assertEquals("OPEN", openaiTts.get("circuit").asText());
        assertEquals("DOWN", openaiTts.get("state").asText());
        for (int i = 0; i < 5; i++) {
            assertEquals(200, speak().statusCode());
        }
        assertEquals(5, upstream.speeches(), "an open circuit keeps calls away from the dead upstream");
        upstream.plan(FaultPlan.healthy());
        Thread.sleep(2100);
        for (int i = 0; i < 3; i++) {
            assertEquals("openai", speak().headers().firstValue("X-Voice-Provider").orElseThrow(), "trial call " + i);
        }
        String circuit = json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/health/details")).build(), HttpResponse.BodyHandlers.ofString()).body()).toString();
        // Closed again; still DEGRADED until its windowed success rate recovers.
        assertTrue(circuit.contains("\"id\":\"openai\",\"operation\":\"tts\",\"state\":\"DEGRADED\",\"circuit\":\"CLOSED\""), circuit);
    }

    @Test
    void aHangingUpstreamIsCutAtTheTimeoutAndTheRequestFallsBack() throws Exception {
        start(new FaultPlan(Duration.ZERO, Duration.ZERO, 1.0, Fault.HANG, 1),
                "voice.resilience.retry.max-attempts = 1\nvoice.limits.processing-timeout = 1s");
        // The embedded engine's first synthesis in a runtime is cold and slow: warm it, so the fallback fits its share.
        assertEquals(200, speak("local").statusCode());
        long start = System.nanoTime();
        HttpResponse<byte[]> response = speak();
        assertEquals(200, response.statusCode());
        assertEquals("local", response.headers().firstValue("X-Voice-Provider").orElseThrow());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "the hang was not cut");
    }
}
