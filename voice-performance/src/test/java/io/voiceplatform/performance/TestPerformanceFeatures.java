package io.voiceplatform.performance;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.TimestampDetail;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.performance.Chain;
import io.voiceplatform.api.performance.Operation;
import io.voiceplatform.api.performance.ProviderCall;
import io.voiceplatform.api.performance.RequestContext;
import io.voiceplatform.performance.config.PerformanceSettings;
import io.voiceplatform.performance.config.TestingPerformanceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Caches, coalescing and the hedging policy, each shown doing its work. */
@Timeout(30)
class TestPerformanceFeatures {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;

    private PerformanceFeatures features(String config) {
        return new PerformanceFeatures(PerformanceSettings.from(TestingPerformanceConfig.load(Map.of(), config)), meters, ticker, null);
    }

    private static final String CACHES_ON = "voice.performance.stt.cache.enabled = true\nvoice.performance.tts.cache.enabled = true\n";

    private static byte[] wav(int length, byte last) {
        byte[] b = new byte[length];
        System.arraycopy("RIFF....WAVE".getBytes(), 0, b, 0, 12);
        b[length - 1] = last;
        return b;
    }

    private static TranscriptionRequest stt(byte[] audio) {
        return TranscriptionRequest.of(Audio.of(audio, AudioFormat.WAV));
    }

    /** A chain that counts calls and answers from a script. */
    private static final class CountingChain<Q, R> implements Chain<Q, R> {
        final AtomicInteger calls = new AtomicInteger();
        final List<CompletableFuture<R>> pending = new CopyOnWriteArrayList<>();
        volatile java.util.function.Function<Q, CompletableFuture<R>> answer;

        CountingChain(java.util.function.Function<Q, CompletableFuture<R>> answer) {
            this.answer = answer;
        }

        @Override
        public CompletionStage<R> proceed(Q request) {
            calls.incrementAndGet();
            CompletableFuture<R> result = answer.apply(request);
            pending.add(result);
            return result;
        }
    }

    private static Transcript transcript(String text) {
        return new Transcript(text, "en-US", null, Duration.ZERO, List.of(), List.of(), "p", "m");
    }

    @Test
    void theSttCacheAnswersRepeatsAndKeysOnTheWholeAudioAndEveryParameter() {
        PerformanceFeatures features = features(CACHES_ON);
        CountingChain<TranscriptionRequest, Transcript> chain = new CountingChain<>(r -> CompletableFuture.completedFuture(transcript("t")));
        byte[] audio = wav(100_000, (byte) 1);
        TranscriptionRequest base = stt(audio);
        features.transcribe(base, RequestContext.DEFAULT, chain).toCompletableFuture().join();
        features.transcribe(stt(audio.clone()), RequestContext.DEFAULT, chain).toCompletableFuture().join();
        assertEquals(1, chain.calls.get(), "an identical request is a hit");
        List<TranscriptionRequest> different = List.of(
                stt(wav(100_000, (byte) 2)),  // differs in the very last byte only
                base.withLanguage("ru-RU"), base.withPrompt("spell it"), base.withTimestampDetail(TimestampDetail.WORD),
                base.withModelHint(Optional.of("whisper-1")));
        for (TranscriptionRequest request : different) {
            features.transcribe(request, RequestContext.DEFAULT, chain).toCompletableFuture().join();
        }
        features.transcribe(base, new RequestContext(Optional.of("other")), chain).toCompletableFuture().join();
        assertEquals(7, chain.calls.get(), "each differing request needs its own call");
        assertEquals(1.0, meters.get("voice.cache.requests").tag("cache", "stt").tag("result", "hit").counter().count());
    }

    @Test
    void entriesExpireAfterTheirTtl() {
        PerformanceFeatures features = features(CACHES_ON + "voice.performance.stt.cache.ttl = 10s\n");
        CountingChain<TranscriptionRequest, Transcript> chain = new CountingChain<>(r -> CompletableFuture.completedFuture(transcript("t")));
        features.transcribe(stt(wav(100, (byte) 1)), RequestContext.DEFAULT, chain).toCompletableFuture().join();
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(11));
        features.transcribe(stt(wav(100, (byte) 1)), RequestContext.DEFAULT, chain).toCompletableFuture().join();
        assertEquals(2, chain.calls.get());
    }

    @Test
    void oneHundredIdenticalConcurrentRequestsMakeOneCall() throws Exception {
        PerformanceFeatures features = features("");
        CountingChain<TranscriptionRequest, Transcript> chain = new CountingChain<>(r -> new CompletableFuture<>());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<CompletableFuture<Transcript>>> callers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            callers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return features.transcribe(stt(wav(1000, (byte) 7)), RequestContext.DEFAULT, chain).toCompletableFuture();
            }, pool));
        }
        go.countDown();
        List<CompletableFuture<Transcript>> answers = callers.stream().map(CompletableFuture::join).toList();
        assertEquals(1, chain.calls.get(), "100 identical concurrent requests, one provider call");
        chain.pending.get(0).complete(transcript("shared"));
        answers.forEach(a -> assertEquals("shared", a.join().text()));
        assertEquals(99.0, meters.get("voice.coalesced").tag("operation", "stt").counter().count());
        pool.shutdownNow();
    }

    @Test
    void aFailedCallIsNeitherCachedNorHandedToLaterRequests() {
        PerformanceFeatures features = features(CACHES_ON);
        CountingChain<TranscriptionRequest, Transcript> chain = new CountingChain<>(
                r -> CompletableFuture.failedFuture(new VoiceException(ErrorKind.UNAVAILABLE, "down")));
        TranscriptionRequest request = stt(wav(500, (byte) 3));
        assertThrows(RuntimeException.class, () -> features.transcribe(request, RequestContext.DEFAULT, chain).toCompletableFuture().join());
        chain.answer = r -> CompletableFuture.completedFuture(transcript("recovered"));
        assertEquals("recovered", features.transcribe(request, RequestContext.DEFAULT, chain).toCompletableFuture().join().text());
        assertEquals(2, chain.calls.get());
    }

    @Test
    void aCallerGivingUpDoesNotCancelTheCallOthersWaitFor() {
        PerformanceFeatures features = features("");
        CountingChain<TranscriptionRequest, Transcript> chain = new CountingChain<>(r -> new CompletableFuture<>());
        TranscriptionRequest request = stt(wav(500, (byte) 4));
        CompletableFuture<Transcript> first = features.transcribe(request, RequestContext.DEFAULT, chain).toCompletableFuture();
        CompletableFuture<Transcript> second = features.transcribe(request, RequestContext.DEFAULT, chain).toCompletableFuture();
        first.cancel(true);
        assertFalse(chain.pending.get(0).isCancelled(), "the other caller still waits for it");
        chain.pending.get(0).complete(transcript("for the second"));
        assertEquals("for the second", second.join().text());

        CompletableFuture<Transcript> lone = features.transcribe(stt(wav(500, (byte) 5)), RequestContext.DEFAULT, chain).toCompletableFuture();
        lone.cancel(true);
        assertTrue(chain.pending.get(1).isCancelled(), "when every caller gave up, the call is cancelled");
    }

    @Test
    void theSpeechCacheNeverExceedsItsByteBudgetOrEntryCount() {
        PerformanceFeatures features = features(CACHES_ON + "voice.performance.level = basic\nvoice.performance.tts.cache.max-entries = 50\n");
        long budget = 50L << 20;
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 400; i++) {
            int size = random.nextInt(i % 10 == 0 ? 8 << 20 : 200_000) + 1;
            byte[] bytes = new byte[size];
            bytes[0] = 'I';
            CountingChain<SpeechRequest, SynthesizedSpeech> chain = new CountingChain<>(r -> CompletableFuture.completedFuture(
                    new SynthesizedSpeech(Audio.of(bytes, AudioFormat.MP3), Duration.ZERO, "p")));
            features.synthesize(SpeechRequest.of("text " + i, AudioFormat.MP3), RequestContext.DEFAULT, chain).toCompletableFuture().join();
            @SuppressWarnings("unchecked")
            Map<String, Object> tts = (Map<String, Object>) features.describe().get("tts-cache");
            assertTrue((long) tts.get("bytes") <= budget, "over budget after entry " + i + ": " + tts);
            assertTrue(features.speechCacheWeight() <= budget, "the weighed size is over budget after entry " + i);
            assertTrue((long) tts.get("entries") <= 50, "over the entry count after entry " + i + ": " + tts);
        }
    }

    @Test
    void metricsCollectionAsksForProviderHistograms() {
        assertTrue(features("voice.performance.monitoring.metrics-enabled = true\n").providerLatencyHistograms());
        assertFalse(features("").providerLatencyHistograms(), "off by default");
    }

    @Test
    void anExplicitByteBudgetOverridesTheLevelsPreset() {
        PerformanceFeatures features = features(CACHES_ON + "voice.performance.level = aggressive\nvoice.performance.tts.cache.max-bytes = 3MB\n");
        long budget = 3L << 20;
        long mostBytes = 0;
        for (int i = 0; i < 100; i++) {
            byte[] bytes = new byte[200_000];
            bytes[0] = 'I';
            CountingChain<SpeechRequest, SynthesizedSpeech> chain = new CountingChain<>(r -> CompletableFuture.completedFuture(
                    new SynthesizedSpeech(Audio.of(bytes, AudioFormat.MP3), Duration.ZERO, "p")));
            features.synthesize(SpeechRequest.of("text " + i, AudioFormat.MP3), RequestContext.DEFAULT, chain).toCompletableFuture().join();
            @SuppressWarnings("unchecked")
            Map<String, Object> tts = (Map<String, Object>) features.describe().get("tts-cache");
            mostBytes = Math.max(mostBytes, (long) tts.get("bytes"));
            assertTrue((long) tts.get("bytes") <= budget, "over the explicit budget after entry " + i + ": " + tts);
        }
        // 100 entries of 200 KB (20 MB) fit the aggressive preset of 200 MB; only the explicit budget held them to 3 MB.
        assertTrue(mostBytes > budget / 2, "the cache filled towards its budget: " + mostBytes);
    }

    @Test
    void uncompressedAudioIsKeptDeflatedAndComesBackIdentical() {
        PerformanceFeatures features = features(CACHES_ON + "voice.performance.tts.compression-enabled = true\n");
        byte[] wav = new byte[200_000];
        System.arraycopy("RIFF....WAVE".getBytes(), 0, wav, 0, 12);
        for (int i = 44; i < wav.length; i += 2) {
            wav[i] = (byte) (Math.sin(i / 20.0) * 100);
        }
        CountingChain<SpeechRequest, SynthesizedSpeech> chain = new CountingChain<>(r -> CompletableFuture.completedFuture(
                new SynthesizedSpeech(Audio.of(wav, AudioFormat.WAV), Duration.ofSeconds(6), "p")));
        SpeechRequest request = SpeechRequest.of("hello", AudioFormat.WAV);
        features.synthesize(request, RequestContext.DEFAULT, chain).toCompletableFuture().join();
        SynthesizedSpeech hit = features.synthesize(request, RequestContext.DEFAULT, chain).toCompletableFuture().join();
        assertEquals(1, chain.calls.get());
        assertTrue(java.util.Arrays.equals(wav, hit.audio().toByteArray()), "lossless");
        @SuppressWarnings("unchecked")
        long stored = (long) ((Map<String, Object>) features.describe().get("tts-cache")).get("bytes");
        assertTrue(stored < wav.length / 2, "stored " + stored + " bytes for " + wav.length);
    }

    @Test
    void monitoringOnlyChangesNoRequest() {
        PerformanceFeatures features = features(CACHES_ON + "voice.performance.level = monitoring-only\n");
        CountingChain<TranscriptionRequest, Transcript> chain = new CountingChain<>(r -> CompletableFuture.completedFuture(transcript("t")));
        for (int i = 0; i < 3; i++) {
            features.transcribe(stt(wav(100, (byte) 1)), RequestContext.DEFAULT, chain).toCompletableFuture().join();
        }
        assertEquals(3, chain.calls.get());
        assertFalse(features.caches(Operation.STT));
        assertEquals(Optional.empty(), features.hedgeDelay(Operation.STT, "p"));
    }

    @Test
    void hedgesSttByDefaultAndTtsOnlyWhenAsked() {
        PerformanceFeatures features = features("");
        assertEquals(Optional.of(Duration.ofMillis(1000)), features.hedgeDelay(Operation.STT, "p"));
        assertEquals(2, features.maxParallelProviders(Operation.STT));
        assertEquals(Optional.empty(), features.hedgeDelay(Operation.TTS, "p"));
        assertEquals(1, features.maxParallelProviders(Operation.TTS));
        features.hedgeFinished(Operation.STT, "b", true);
        features.hedgeFinished(Operation.STT, "c", false);
        assertEquals(Map.of("fired", 2.0, "won", 1.0), features.describe().get("hedges"));
    }

    @Test
    void hedgeDelayBecomesTheProvidersObservedP95() {
        PerformanceFeatures features = features("voice.performance.routing.min-samples = 20\n");
        for (int i = 1; i <= 19; i++) {
            record(features, "p", true, Duration.ofMillis(10L * i));
        }
        assertEquals(Optional.of(Duration.ofMillis(1000)), features.hedgeDelay(Operation.STT, "p"), "too few samples: the configured delay");
        record(features, "p", true, Duration.ofMillis(200));
        record(features, "p", false, Duration.ofMillis(5000));
        // 20 successes: 10, 20, ..., 190 and 200 ms; the nearest-rank p95 is the 19th, 190 ms; the failure does not count.
        assertEquals(Optional.of(Duration.ofMillis(190)), features.hedgeDelay(Operation.STT, "p"));
        assertEquals(Optional.of(Duration.ofMillis(1000)), features.hedgeDelay(Operation.STT, "q"), "another provider has no samples");
    }

    @Test
    void adaptiveHedgeDelayCanBeSwitchedOffAndHasAFloor() {
        PerformanceFeatures fixed = features("voice.performance.stt.hedge-delay-adaptive = false\n");
        PerformanceFeatures adaptive = features("");
        for (int i = 0; i < 10; i++) {
            record(fixed, "p", true, Duration.ofMillis(50));
            record(adaptive, "p", true, Duration.ofNanos(300_000));
        }
        assertEquals(Optional.of(Duration.ofMillis(1000)), fixed.hedgeDelay(Operation.STT, "p"));
        assertEquals(Optional.of(Duration.ofMillis(10)), adaptive.hedgeDelay(Operation.STT, "p"), "a sub-millisecond p95 would hedge on timer jitter");
    }

    @Test
    void theSharedLevelIsOffWithoutAUriOrWithoutALocalCacheToStandBehind() {
        assertEquals(Map.of("state", "OFF"), features(CACHES_ON).describe().get("redis"));
        PerformanceFeatures noLocalCache = features("voice.performance.cache.redis.uri = \"redis://127.0.0.1:1\"\n");
        assertEquals(Map.of("state", "OFF"), noLocalCache.describe().get("redis"));
        assertEquals(false, ((Map<?, ?>) noLocalCache.describe().get("components")).get("shared-cache"));
    }

    @Test
    void anUnreachableSharedLevelIsDegradedAndChangesNoAnswer() {
        PerformanceFeatures features = features(CACHES_ON + "voice.performance.cache.redis.uri = \"redis://:secret@127.0.0.1:1\"\n");
        try {
            CountingChain<TranscriptionRequest, Transcript> chain = new CountingChain<>(r -> CompletableFuture.completedFuture(transcript("t")));
            for (int i = 0; i < 3; i++) {
                assertEquals("t", features.transcribe(stt(wav(100, (byte) 1)), RequestContext.DEFAULT, chain).toCompletableFuture().join().text());
            }
            assertEquals(1, chain.calls.get(), "the local level still answers repeats");
            @SuppressWarnings("unchecked")
            Map<String, Object> redis = (Map<String, Object>) features.describe().get("redis");
            assertEquals("DEGRADED", redis.get("state"));
            assertEquals("redis://127.0.0.1:1", redis.get("uri"), "never the password");
            assertEquals(1L, redis.get("errors"), "the one local miss found the shared level unable to answer");
            assertEquals(true, ((Map<?, ?>) features.describe().get("components")).get("shared-cache"));
            assertFalse(features.describe().toString().contains("secret"));
        } finally {
            features.close();
        }
    }

    /** One provider call that takes {@code latency} on the test's clock. */
    private void record(PerformanceFeatures features, String provider, boolean ok, Duration latency) {
        features.aroundProviderCall(new ProviderCall(Operation.STT, provider, 1), () -> {
            nanos.addAndGet(latency.toNanos());
            return ok ? CompletableFuture.completedFuture("done") : CompletableFuture.failedFuture(new IllegalStateException("failed"));
        });
    }
}
