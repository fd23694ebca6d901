package io.voiceplatform.benchmarks;

import com.typesafe.config.ConfigFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.performance.PerformanceExtension;
import io.voiceplatform.core.config.CoreSettings;
import io.voiceplatform.core.orchestration.ProviderMetrics;
import io.voiceplatform.core.orchestration.Routing;
import io.voiceplatform.core.orchestration.Served;
import io.voiceplatform.core.orchestration.VoiceOrchestrator;
import io.voiceplatform.core.registry.ProviderRegistry;
import io.voiceplatform.core.resilience.ProviderGuards;
import io.voiceplatform.core.testing.TestingAudio;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.api.plugin.ProviderSettings;
import io.voiceplatform.core.registry.DiscoveredPlugin;
import io.voiceplatform.core.testing.TestingSettings;
import io.voiceplatform.performance.PerformanceFeatures;
import io.voiceplatform.performance.config.PerformanceSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The orchestrator's own cost around an in-memory provider that answers at once: performance module off,
 * on with caches missing (every request distinct), and on with the cache hit path.
 */
@State(Scope.Benchmark)
public class OrchestratorBenchmark {
    @Param({"off", "on-miss", "on-hit"})
    public String performance;

    private ScheduledExecutorService scheduler;
    private VoiceOrchestrator orchestrator;
    private TranscriptionRequest transcription;
    private final AtomicLong distinct = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() {
        scheduler = Executors.newScheduledThreadPool(2);
        MemoryProvider provider = new MemoryProvider(TestingAudio.wav(0.5, 300));
        ProviderRegistry registry = ProviderRegistry.create(List.of(() -> List.of(new DiscoveredPlugin(new ProviderPlugin() {
            @Override
            public String id() {
                return "memory";
            }

            @Override
            public Optional<SttProvider> createStt(ProviderContext context) {
                return Optional.of(provider);
            }

            @Override
            public Optional<TtsProvider> createTts(ProviderContext context) {
                return Optional.of(provider);
            }
        }, "benchmark", getClass().getClassLoader()))),
                (id, loader) -> new ProviderSettings("voice.providers." + id, Map.of()), null, scheduler);
        CoreSettings settings = TestingSettings.settings(List.of("memory"), List.of("memory"));
        PerformanceExtension extension = performance.equals("off") ? PerformanceExtension.NONE
                : new PerformanceFeatures(PerformanceSettings.from(ConfigFactory.parseString(
                "voice.performance.stt.cache.enabled = true\nvoice.performance.tts.cache.enabled = true")
                .withFallback(ConfigFactory.parseResources(PerformanceSettings.class.getClassLoader(), "reference.conf"))
                .resolve()), new SimpleMeterRegistry(), null);
        orchestrator = new VoiceOrchestrator(registry, new ProviderGuards(registry, settings, scheduler), settings,
                extension, scheduler, new ProviderMetrics(new SimpleMeterRegistry(), false));
        transcription = TranscriptionRequest.of(io.voiceplatform.api.Audio.of(TestingAudio.wav(3.0, 440), AudioFormat.WAV));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        scheduler.shutdownNow();
    }

    @Benchmark
    public Served<Transcript> transcribe100KbWav() {
        TranscriptionRequest request = performance.equals("on-miss")
                ? transcription.withPrompt(Long.toString(distinct.incrementAndGet())) : transcription;
        return orchestrator.transcribe(request, Routing.auto()).toCompletableFuture().join();
    }

    @Benchmark
    public Served<SynthesizedSpeech> synthesize() {
        String text = performance.equals("on-miss") ? "hello " + distinct.incrementAndGet() : "hello";
        return orchestrator.synthesize(SpeechRequest.of(text, AudioFormat.WAV), Routing.auto()).toCompletableFuture().join();
    }
}
