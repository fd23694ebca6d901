package io.voiceplatform.benchmarks;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.core.bootstrap.VoiceRuntime;
import io.voiceplatform.core.pipeline.RequestContext;
import io.voiceplatform.core.pipeline.RequestPipeline;
import io.voiceplatform.core.pipeline.Routing;
import io.voiceplatform.core.testing.TestingAudio;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pipeline's own cost around an in-memory provider that answers at once: performance module off, on with
 * caches missing (every request distinct), and on with the cache hit path.
 */
@State(Scope.Benchmark)
public class PipelineBenchmark {
    @Param({"off", "on-miss", "on-hit"})
    public String performance;

    private VoiceRuntime runtime;
    private RequestPipeline pipeline;
    private TranscriptionRequest transcription;
    private final AtomicLong distinct = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() {
        MemoryProvider provider = new MemoryProvider(TestingAudio.wav(0.5, 300));
        Map<String, String> settings = new HashMap<>(Map.of("voice.stt.providers", "memory", "voice.tts.providers", "memory",
                "voice.limits.max-in-flight", "100000"));
        if (!performance.equals("off")) {
            settings.putAll(Map.of("voice.performance.enabled", "true", "voice.performance.stt.cache.enabled", "true",
                    "voice.performance.tts.cache.enabled", "true", "voice.performance.monitoring.enabled", "false"));
        }
        runtime = BenchmarkRuntime.start(settings, BenchmarkRuntime.plugin("memory", provider, provider));
        pipeline = runtime.pipeline();
        transcription = TranscriptionRequest.of(Audio.of(TestingAudio.wav(3.0, 440), AudioFormat.WAV));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        runtime.close();
    }

    @Benchmark
    public Transcript transcribe100KbWav() {
        TranscriptionRequest request = performance.equals("on-miss")
                ? transcription.withPrompt(Long.toString(distinct.incrementAndGet())) : transcription;
        try (RequestContext context = pipeline.context("benchmark", "benchmark")) {
            return pipeline.transcribe(request, Routing.auto(), context).join();
        }
    }

    @Benchmark
    public SynthesizedSpeech synthesize() {
        String text = performance.equals("on-miss") ? "hello " + distinct.incrementAndGet() : "hello";
        try (RequestContext context = pipeline.context("benchmark", "benchmark")) {
            return pipeline.synthesize(SpeechRequest.of(text, AudioFormat.WAV), Routing.auto(), context).join();
        }
    }
}
