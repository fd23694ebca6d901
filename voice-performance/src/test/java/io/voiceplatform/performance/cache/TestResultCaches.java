package io.voiceplatform.performance.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.core.pipeline.CacheStatus;
import io.voiceplatform.core.pipeline.Routing;
import io.voiceplatform.core.pipeline.SpeechTask;
import io.voiceplatform.core.pipeline.TranscriptionTask;
import io.voiceplatform.core.testing.TestingAudio;
import io.voiceplatform.performance.config.PerformanceSettings;
import io.voiceplatform.performance.config.TestingPerformanceConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The caches on their own, on a test clock. */
class TestResultCaches {
    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;

    private ResultCaches caches(String config) {
        return new ResultCaches(PerformanceSettings.from(TestingPerformanceConfig.load(Map.of(), config)), new SimpleMeterRegistry(),
                ticker, null);
    }

    private static TranscriptionTask task() {
        return new TranscriptionTask(TranscriptionRequest.of(Audio.of(TestingAudio.wav(0.1, 300), AudioFormat.WAV)), Routing.auto());
    }

    @Test
    void entriesExpireAfterTheirTtl() {
        ResultCaches caches = caches("voice.performance.stt.cache.enabled = true\nvoice.performance.stt.cache.ttl = 10s\n");
        Transcript transcript = new Transcript("t", "en-US", null, Duration.ZERO, List.of(), List.of(), "p", "m");
        caches.store(task(), transcript);
        assertEquals(CacheStatus.HIT, caches.find(task()).toCompletableFuture().join().status());
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(11));
        assertEquals(CacheStatus.MISS, caches.find(task()).toCompletableFuture().join().status());
    }

    @Test
    void theWeighedSizeOfTheSpeechCacheStaysWithinItsByteBudget() {
        ResultCaches caches = caches("voice.performance.tts.cache.enabled = true\nvoice.performance.tts.cache.max-bytes = 1MB\n"
                + "voice.performance.tts.cache.max-entries = 40\n");
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 300; i++) {
            byte[] audio = new byte[random.nextInt(i % 10 == 0 ? 600_000 : 60_000) + 1];
            audio[0] = 'I';
            caches.store(new SpeechTask(SpeechRequest.of("text " + i, AudioFormat.MP3), Routing.auto()),
                    new io.voiceplatform.api.SynthesizedSpeech(Audio.of(audio, AudioFormat.MP3), Duration.ZERO, "p"));
            assertTrue(caches.speechCacheWeight() <= 1L << 20, "the weighed size is over budget after entry " + i);
        }
    }

    @Test
    void anOperationWithoutItsCacheIsABypass() {
        ResultCaches caches = caches("voice.performance.stt.cache.enabled = true\nvoice.performance.tts.cache.enabled = false\n");
        assertEquals(CacheStatus.BYPASS, caches.find(new SpeechTask(SpeechRequest.of("hi", AudioFormat.WAV), Routing.auto()))
                .toCompletableFuture().join().status());
        assertEquals(CacheStatus.MISS, caches.find(task()).toCompletableFuture().join().status());
    }
}
