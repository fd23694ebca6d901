package io.voiceplatform.core.health;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.performance.PerformanceExtension;
import io.voiceplatform.core.config.CoreSettings;
import io.voiceplatform.core.orchestration.ProviderMetrics;
import io.voiceplatform.core.orchestration.Routing;
import io.voiceplatform.core.orchestration.VoiceOrchestrator;
import io.voiceplatform.core.registry.ProviderRegistry;
import io.voiceplatform.core.resilience.ProviderGuards;
import io.voiceplatform.core.testing.TestingAudio;
import io.voiceplatform.core.testing.TestingPlugins;
import io.voiceplatform.core.testing.TestingProvider;
import io.voiceplatform.core.testing.TestingProvider.Outcome;
import io.voiceplatform.core.testing.TestingSettings;
import io.voiceplatform.api.TranscriptionRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class TestHealthService {
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final TestingProvider good = new TestingProvider("good");
    private final TestingProvider bad = new TestingProvider("bad");
    private ProviderRegistry registry;
    private ProviderGuards guards;
    private VoiceOrchestrator orchestrator;
    private HealthService health;

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private void start(TestingProvider... providers) {
        CoreSettings settings = TestingSettings.settings(List.of(), List.of());
        registry = TestingPlugins.registry(scheduler, providers);
        guards = new ProviderGuards(registry, settings, scheduler);
        orchestrator = new VoiceOrchestrator(registry, guards, settings, PerformanceExtension.NONE, scheduler, new ProviderMetrics(new SimpleMeterRegistry(), false));
        health = new HealthService(registry, guards, settings.health(), PerformanceExtension.NONE,
                new PerformanceStatus(true, false));
    }

    private ProviderHealth stt(HealthReport report, String id) {
        return report.providers().stream().filter(p -> p.id().equals(id) && p.operation().equals("stt")).findFirst().orElseThrow();
    }

    @Test
    void providersStartUpAndTheServiceIsReady() {
        start(good);
        HealthReport report = health.report();
        assertEquals(HealthStatus.UP, report.status());
        assertEquals(2, report.providers().size());
        assertEquals(Map.of("requested", true, "installed", false), report.performance());
        assertTrue(health.ready());
    }

    @Test
    void failuresInARowDegradeThenTakeAProviderDown() {
        bad.then(Outcome.fail(ErrorKind.PROVIDER_ERROR));
        start(bad, good);
        TranscriptionRequest request = TranscriptionRequest.of(TestingAudio.wavAudio());
        orchestrator.transcribe(request, Routing.pin("bad")).toCompletableFuture().join();
        orchestrator.transcribe(request, Routing.pin("bad")).toCompletableFuture().join();
        ProviderHealth degraded = stt(health.report(), "bad");
        assertEquals(HealthStatus.DEGRADED, degraded.state());
        assertEquals(2, degraded.consecutiveFailures());
        assertEquals(0.0, degraded.successRate());
        for (int i = 0; i < 3; i++) {
            orchestrator.transcribe(request, Routing.pin("bad")).toCompletableFuture().join();
        }
        HealthReport report = health.report();
        assertEquals(HealthStatus.DOWN, stt(report, "bad").state());
        assertEquals("OPEN", stt(report, "bad").circuit());
        assertEquals(HealthStatus.DEGRADED, report.status(), "another STT provider is still up");
        assertTrue(health.ready());
        assertEquals(HealthStatus.UP, stt(report, "good").state());
    }

    @Test
    void anOperationWithoutAUsableProviderTakesTheServiceDown() {
        bad.then(Outcome.fail(ErrorKind.UNAVAILABLE));
        start(bad);
        TranscriptionRequest request = TranscriptionRequest.of(TestingAudio.wavAudio());
        for (int i = 0; i < 2; i++) {
            orchestrator.transcribe(request, Routing.auto()).exceptionally(e -> null).toCompletableFuture().join();
        }
        assertEquals(HealthStatus.DOWN, health.report().status());
        assertFalse(health.ready());
    }
}
