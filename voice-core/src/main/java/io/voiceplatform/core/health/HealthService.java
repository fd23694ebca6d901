package io.voiceplatform.core.health;

import io.voiceplatform.api.HealthProbe;
import io.voiceplatform.api.SpeechProvider;
import io.voiceplatform.api.Operation;
import io.voiceplatform.core.config.HealthSettings;
import io.voiceplatform.core.pipeline.PipelineStages;
import io.voiceplatform.core.registry.ProviderRegistry;
import io.voiceplatform.core.registry.RegisteredProvider;
import io.voiceplatform.core.resilience.ProviderGuard;
import io.voiceplatform.core.resilience.ProviderGuards;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Health of every provider, from its call statistics, its circuit and its own cheap probe; and of the
 * request pipeline, each stage describing itself as it is bound.
 */
public final class HealthService {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final ProviderRegistry registry;
    private final ProviderGuards guards;
    private final HealthEvaluator evaluator;
    private final PipelineStages stages;
    private final PerformanceStatus performance;

    public HealthService(ProviderRegistry registry, ProviderGuards guards, HealthSettings settings,
                         PipelineStages stages, PerformanceStatus performance) {
        this.registry = registry;
        this.guards = guards;
        this.evaluator = new HealthEvaluator(settings);
        this.stages = stages;
        this.performance = performance;
    }

    public HealthReport report() {
        List<ProviderHealth> providers = providers();
        Map<String, Object> perf = new LinkedHashMap<>();
        perf.put("requested", performance.requested());
        perf.put("installed", performance.installed());
        perf.put("level", performance.level());
        perf.put("stages", stages.describe());
        return new HealthReport(overall(providers), List.copyOf(providers), perf);
    }

    /** At least one STT and one TTS provider can be used: {@link HealthReport#ready()} of a fresh report. */
    public boolean ready() {
        return report().ready();
    }

    private List<ProviderHealth> providers() {
        List<Probed> probes = new ArrayList<>();
        for (RegisteredProvider p : registry.all()) {
            p.stt().ifPresent(stt -> probes.add(new Probed(p.id(), Operation.STT, probe(stt))));
            p.tts().ifPresent(tts -> probes.add(new Probed(p.id(), Operation.TTS, probe(tts))));
        }
        List<ProviderHealth> out = new ArrayList<>();
        for (Probed probed : probes) {
            ProviderGuard guard = guards.get(probed.operation(), probed.id());
            CallSnapshot calls = guard.statistics().snapshot();
            HealthProbe probe = probed.result().join();
            HealthEvaluator.Verdict verdict = evaluator.evaluate(calls, guard.circuitState(), probe);
            out.add(new ProviderHealth(probed.id(), probed.operation().id(), verdict.state(), guard.circuitState(),
                    calls.successRate(), calls.consecutiveFailures(), calls.calls(), calls.p50Millis(),
                    calls.p95Millis(), calls.meanMillis(), verdict.detail()));
        }
        return out;
    }

    private static CompletableFuture<HealthProbe> probe(SpeechProvider provider) {
        try {
            return provider.checkHealth().toCompletableFuture()
                    .completeOnTimeout(HealthProbe.unhealthy("health check timed out"), PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionally(e -> HealthProbe.unhealthy("health check failed: " + e.getClass().getSimpleName()));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(HealthProbe.unhealthy("health check failed: " + e.getClass().getSimpleName()));
        }
    }

    private static HealthStatus overall(List<ProviderHealth> providers) {
        Optional<HealthStatus> stt = best(providers, Operation.STT);
        Optional<HealthStatus> tts = best(providers, Operation.TTS);
        if (stt.orElse(HealthStatus.DOWN) == HealthStatus.DOWN || tts.orElse(HealthStatus.DOWN) == HealthStatus.DOWN) {
            return HealthStatus.DOWN;
        }
        return providers.stream().allMatch(p -> p.state() == HealthStatus.UP) ? HealthStatus.UP : HealthStatus.DEGRADED;
    }

    private static Optional<HealthStatus> best(List<ProviderHealth> providers, Operation operation) {
        return providers.stream().filter(p -> p.operation().equals(operation.id()))
                .map(ProviderHealth::state).min(Enum::compareTo);
    }

    private record Probed(String id, Operation operation, CompletableFuture<HealthProbe> result) {
    }
}
