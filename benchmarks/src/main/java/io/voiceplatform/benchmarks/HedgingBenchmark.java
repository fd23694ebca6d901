package io.voiceplatform.benchmarks;

import com.typesafe.config.ConfigFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.api.plugin.ProviderSettings;
import io.voiceplatform.core.config.CoreSettings;
import io.voiceplatform.core.orchestration.ProviderMetrics;
import io.voiceplatform.core.orchestration.Routing;
import io.voiceplatform.core.orchestration.Served;
import io.voiceplatform.core.orchestration.VoiceOrchestrator;
import io.voiceplatform.core.registry.DiscoveredPlugin;
import io.voiceplatform.core.registry.ProviderRegistry;
import io.voiceplatform.core.resilience.ProviderGuards;
import io.voiceplatform.core.testing.TestingAudio;
import io.voiceplatform.core.testing.TestingSettings;
import io.voiceplatform.performance.PerformanceFeatures;
import io.voiceplatform.performance.config.PerformanceSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tail latency with one slow provider, hedging off and on. The first provider answers in 20 ms, but one call
 * in twenty takes 600 ms; the second always takes 60 ms. JMH's sample mode gives the percentiles: without
 * hedging the p99 is the slow call; with it, a second provider starts after the hedge delay (fixed 100 ms, or
 * the first provider's observed p95) and its answer wins.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HedgingBenchmark {
    @Param({"off", "fixed-100ms", "adaptive-p95"})
    public String hedging;

    private ScheduledExecutorService scheduler;
    private VoiceOrchestrator orchestrator;
    private TranscriptionRequest request;

    @Setup(Level.Trial)
    public void setUp() {
        scheduler = Executors.newScheduledThreadPool(2);
        SttProvider tail = new DelayedSttProvider("tail", Duration.ofMillis(20), Duration.ofMillis(600), 20, scheduler);
        SttProvider steady = new DelayedSttProvider("steady", Duration.ofMillis(60), Duration.ZERO, 0, scheduler);
        ProviderRegistry registry = ProviderRegistry.create(List.of(() -> List.of(plugin(tail), plugin(steady))),
                (id, loader) -> new ProviderSettings("voice.providers." + id, Map.of()), null, scheduler);
        CoreSettings settings = TestingSettings.settings(List.of("tail", "steady"), List.of());
        String config = switch (hedging) {
            case "off" -> "voice.performance.stt.hedging-enabled = false";
            case "fixed-100ms" -> "voice.performance.stt.hedge-delay = 100ms\nvoice.performance.stt.hedge-delay-adaptive = false";
            default -> "voice.performance.stt.hedge-delay = 100ms\nvoice.performance.stt.hedge-delay-adaptive = true";
        };
        PerformanceFeatures extension = new PerformanceFeatures(PerformanceSettings.from(ConfigFactory.parseString(config)
                .withFallback(ConfigFactory.parseResources(PerformanceSettings.class.getClassLoader(), "reference.conf"))
                .resolve()), new SimpleMeterRegistry(), null);
        orchestrator = new VoiceOrchestrator(registry, new ProviderGuards(registry, settings, scheduler), settings,
                extension, scheduler, new ProviderMetrics(new SimpleMeterRegistry(), false));
        request = TranscriptionRequest.of(Audio.of(TestingAudio.wav(0.5, 300), AudioFormat.WAV));
    }

    private static DiscoveredPlugin plugin(SttProvider provider) {
        return new DiscoveredPlugin(new ProviderPlugin() {
            @Override
            public String id() {
                return provider.id();
            }

            @Override
            public Optional<SttProvider> createStt(ProviderContext context) {
                return Optional.of(provider);
            }
        }, "benchmark", HedgingBenchmark.class.getClassLoader());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        scheduler.shutdownNow();
    }

    /** The tail provider's mean (49 ms) stays below the steady one's (60 ms), so the adaptive order keeps it first. */
    @Benchmark
    public Served<Transcript> transcribe() {
        return orchestrator.transcribe(request, Routing.auto()).toCompletableFuture().join();
    }
}
