package io.voiceplatform.benchmarks;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.core.bootstrap.VoiceRuntime;
import io.voiceplatform.core.pipeline.RequestContext;
import io.voiceplatform.core.pipeline.RequestPipeline;
import io.voiceplatform.core.pipeline.Routing;
import io.voiceplatform.core.testing.TestingAudio;
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
import java.util.HashMap;
import java.util.Map;
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
    private VoiceRuntime runtime;
    private RequestPipeline pipeline;
    private TranscriptionRequest request;

    @Setup(Level.Trial)
    public void setUp() {
        scheduler = Executors.newScheduledThreadPool(2);
        SttProvider tail = new DelayedSttProvider("tail", Duration.ofMillis(20), Duration.ofMillis(600), 20, scheduler);
        SttProvider steady = new DelayedSttProvider("steady", Duration.ofMillis(60), Duration.ZERO, 0, scheduler);
        Map<String, String> settings = new HashMap<>(Map.of("voice.stt.providers", "tail,steady",
                "voice.tts.providers", "tail", "voice.limits.max-in-flight", "100000", "voice.performance.enabled", "true",
                "voice.performance.monitoring.enabled", "false", "voice.performance.stt.hedge-delay", "100ms"));
        switch (hedging) {
            case "off" -> settings.put("voice.performance.stt.hedging-enabled", "false");
            case "fixed-100ms" -> settings.put("voice.performance.stt.hedge-delay-adaptive", "false");
            default -> settings.put("voice.performance.stt.hedge-delay-adaptive", "true");
        }
        runtime = BenchmarkRuntime.start(settings, BenchmarkRuntime.plugin("tail", tail, new MemoryProvider(TestingAudio.wav(0.1, 300))),
                BenchmarkRuntime.plugin("steady", steady, null));
        pipeline = runtime.pipeline();
        request = TranscriptionRequest.of(Audio.of(TestingAudio.wav(0.5, 300), AudioFormat.WAV));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        runtime.close();
        scheduler.shutdownNow();
    }

    /** The tail provider's mean (49 ms) stays below the steady one's (60 ms), so the adaptive order keeps it first. */
    @Benchmark
    public Transcript transcribe() {
        try (RequestContext context = pipeline.context("benchmark", "benchmark")) {
            return pipeline.transcribe(request, Routing.auto(), context).join();
        }
    }
}
