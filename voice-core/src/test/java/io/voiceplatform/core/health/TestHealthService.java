package io.voiceplatform.core.health;

import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.core.config.CoreSettings;
import io.voiceplatform.core.pipeline.RequestContext;
import io.voiceplatform.core.pipeline.Routing;
import io.voiceplatform.core.testing.TestingPipeline;
import io.voiceplatform.core.testing.TestingAudio;
import io.voiceplatform.core.testing.TestingProvider;
import io.voiceplatform.core.testing.TestingProvider.Outcome;
import io.voiceplatform.core.testing.TestingSettings;
import io.voiceplatform.api.TranscriptionRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class TestHealthService {
    private final TestingProvider good = new TestingProvider("good");
    private final TestingProvider bad = new TestingProvider("bad");
    private TestingPipeline testing;
    private HealthService health;

    @AfterEach
    void stop() {
        testing.close();
    }

    private void start(TestingProvider... providers) {
        CoreSettings settings = TestingSettings.settings(List.of(), List.of());
        testing = new TestingPipeline(settings, List.of(), providers);
        health = new HealthService(testing.registry(), testing.guards(), settings.health(), testing.stages(),
                PerformanceStatus.notInstalled(true));
    }

    private void transcribe(TranscriptionRequest request, Routing routing) {
        try (RequestContext context = testing.pipeline().context("test", "tester")) {
            testing.pipeline().transcribe(request, routing, context).exceptionally(e -> null).join();
        }
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
        assertEquals(true, report.performance().get("requested"));
        assertEquals(false, report.performance().get("installed"));
        assertEquals("off", report.performance().get("level"));
        assertEquals(testing.stages().describe(), report.performance().get("stages"));
        assertTrue(health.ready());
    }

    @Test
    void failuresInARowDegradeThenTakeAProviderDown() {
        bad.then(Outcome.fail(ErrorKind.PROVIDER_ERROR));
        start(bad, good);
        TranscriptionRequest request = TranscriptionRequest.of(TestingAudio.wavAudio());
        transcribe(request, Routing.pin("bad"));
        transcribe(request, Routing.pin("bad"));
        ProviderHealth degraded = stt(health.report(), "bad");
        assertEquals(HealthStatus.DEGRADED, degraded.state());
        assertEquals(2, degraded.consecutiveFailures());
        assertEquals(0.0, degraded.successRate());
        for (int i = 0; i < 3; i++) {
            transcribe(request, Routing.pin("bad"));
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
            transcribe(request, Routing.auto());
        }
        assertEquals(HealthStatus.DOWN, health.report().status());
        assertFalse(health.ready());
    }
}
