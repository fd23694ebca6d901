package io.voiceplatform.performance;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.TimestampDetail;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.core.pipeline.CacheStatus;
import io.voiceplatform.core.pipeline.RequestContext;
import io.voiceplatform.core.pipeline.Routing;
import io.voiceplatform.core.testing.TestingAudio;
import io.voiceplatform.performance.testing.AnsweringProvider;
import io.voiceplatform.performance.testing.PerformancePipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The result caches and coalescing, each shown doing its work in the pipeline as the service runs it. */
@Timeout(30)
class TestPerformanceStages {
    private static final String CACHES_ON = "voice.performance.stt.cache.enabled = true\nvoice.performance.tts.cache.enabled = true\n";
    private final List<PerformancePipeline> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(PerformancePipeline::close);
    }

    private PerformancePipeline start(String config, AnsweringProvider provider) {
        PerformancePipeline running = PerformancePipeline.start(config, provider);
        started.add(running);
        return running;
    }

    private static byte[] wav(int length, byte last) {
        byte[] b = new byte[length];
        System.arraycopy("RIFF....WAVE".getBytes(), 0, b, 0, 12);
        b[length - 1] = last;
        return b;
    }

    /** An MP3 of {@code length} bytes, as far as its signature goes: the pipeline checks every answer for one. */
    private static byte[] mp3(int length) {
        byte[] bytes = new byte[length];
        bytes[0] = 'I';
        bytes[1] = 'D';
        bytes[2] = '3';
        return bytes;
    }

    private static TranscriptionRequest stt(byte[] audio) {
        return TranscriptionRequest.of(Audio.of(audio, AudioFormat.WAV));
    }

    private static Transcript transcript(String text) {
        return new Transcript(text, "en-US", null, Duration.ZERO, List.of(), List.of(), "p", "m");
    }

    private static AnsweringProvider transcribing(String text) {
        return new AnsweringProvider("p", r -> CompletableFuture.completedFuture(transcript(text)),
                r -> CompletableFuture.failedFuture(new VoiceException(ErrorKind.UNSUPPORTED, "no speech here")));
    }

    private static AnsweringProvider speaking(byte[] audio, AudioFormat format) {
        return new AnsweringProvider("p", r -> CompletableFuture.failedFuture(new VoiceException(ErrorKind.UNSUPPORTED, "no")),
                r -> CompletableFuture.completedFuture(new SynthesizedSpeech(Audio.of(audio, format), Duration.ZERO, "p")));
    }

    @Test
    void theSttCacheAnswersRepeatsAndKeysOnTheWholeAudioAndEveryParameter() {
        AnsweringProvider provider = transcribing("t");
        PerformancePipeline running = start(CACHES_ON, provider);
        byte[] audio = wav(100_000, (byte) 1);
        TranscriptionRequest base = stt(audio);
        assertEquals(CacheStatus.MISS, running.transcribe(base).decisions().cache());
        PerformancePipeline.Answer<Transcript> repeat = running.transcribe(stt(audio.clone()));
        assertEquals(CacheStatus.HIT, repeat.decisions().cache());
        assertEquals(0, repeat.decisions().attempts());
        assertEquals(1, provider.calls(), "an identical request is a hit");
        List<TranscriptionRequest> different = List.of(
                stt(wav(100_000, (byte) 2)),  // differs in the very last byte only
                base.withLanguage("de-DE"), base.withPrompt("spell it"), base.withTimestampDetail(TimestampDetail.WORD),
                base.withModelHint(Optional.of("whisper-1")));
        for (TranscriptionRequest request : different) {
            running.transcribe(request);
        }
        try (RequestContext context = running.pipeline().context("pinned", "tester")) {
            running.pipeline().transcribe(base, Routing.pin("p"), context).join();
        }
        assertEquals(7, provider.calls(), "each differing request needs its own call");
        assertEquals(1.0, running.testing().meters().get("voice.cache.requests").tag("cache", "stt").tag("result", "hit").counter().count());
    }

    @Test
    void oneHundredIdenticalConcurrentRequestsMakeOneCall() throws Exception {
        CompletableFuture<Transcript> slow = new CompletableFuture<>();
        AnsweringProvider provider = transcribing("unused").transcribing(r -> slow);
        PerformancePipeline running = start("", provider);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<RequestContext>> callers = new ArrayList<>();
        List<CompletableFuture<Transcript>> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 100; i++) {
            callers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                RequestContext context = running.pipeline().context("caller", "tester");
                answers.add(running.pipeline().transcribe(stt(wav(1000, (byte) 7)), Routing.auto(), context));
                return context;
            }, pool));
        }
        go.countDown();
        List<RequestContext> contexts = callers.stream().map(CompletableFuture::join).toList();
        assertEquals(1, provider.calls(), "100 identical concurrent requests, one provider call");
        slow.complete(transcript("shared"));
        answers.forEach(a -> assertEquals("shared", a.join().text()));
        List<RequestContext> joined = contexts.stream().filter(c -> c.decisions().wasCoalesced()).toList();
        assertEquals(99, joined.size());
        assertTrue(joined.stream().allMatch(c -> c.decisions().cache() == CacheStatus.HIT && c.decisions().attempts() == 0));
        assertEquals(99.0, running.testing().meters().get("voice.coalesced").tag("operation", "stt").counter().count());
        assertEquals(99L, running.stage("coalescing").get("joined-stt"));
        contexts.forEach(RequestContext::close);
        pool.shutdownNow();
    }

    @Test
    void aFailedCallIsNeitherCachedNorHandedToLaterRequests() {
        AnsweringProvider provider = transcribing("unused")
                .transcribing(r -> CompletableFuture.failedFuture(new VoiceException(ErrorKind.INVALID_REQUEST, "no")));
        PerformancePipeline running = start(CACHES_ON, provider);
        TranscriptionRequest request = stt(wav(500, (byte) 3));
        assertThrows(RuntimeException.class, () -> running.transcribe(request));
        provider.transcribing(r -> CompletableFuture.completedFuture(transcript("recovered")));
        assertEquals("recovered", running.transcribe(request).value().text());
        assertEquals(2, provider.calls());
    }

    @Test
    void aCallerGivingUpDoesNotCancelTheCallOthersWaitFor() {
        AnsweringProvider provider = transcribing("unused").transcribing(r -> new CompletableFuture<>());
        PerformancePipeline running = start("", provider);
        TranscriptionRequest request = stt(wav(500, (byte) 4));
        RequestContext firstContext = running.pipeline().context("first", "tester");
        RequestContext secondContext = running.pipeline().context("second", "tester");
        CompletableFuture<Transcript> first = running.pipeline().transcribe(request, Routing.auto(), firstContext);
        CompletableFuture<Transcript> second = running.pipeline().transcribe(request, Routing.auto(), secondContext);
        firstContext.cancel();
        assertTrue(first.isCancelled());
        CompletableFuture<?> call = provider.answers().get(0);
        assertFalse(call.isCancelled(), "the other caller still waits for it");
        ((CompletableFuture<Transcript>) call).complete(transcript("for the second"));
        assertEquals("for the second", second.join().text());

        RequestContext loneContext = running.pipeline().context("lone", "tester");
        running.pipeline().transcribe(stt(wav(500, (byte) 5)), Routing.auto(), loneContext);
        loneContext.cancel();
        assertTrue(provider.answers().get(1).isCancelled(), "when every caller gave up, the call is cancelled");
        firstContext.close();
        secondContext.close();
        loneContext.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSpeechCacheNeverExceedsItsByteBudgetOrEntryCount() {
        java.util.Random random = new java.util.Random(42);
        AnsweringProvider provider = speaking(new byte[1], AudioFormat.MP3).speaking(r -> {
            int i = Integer.parseInt(r.text().substring(5));
            byte[] bytes = mp3(random.nextInt(i % 10 == 0 ? 8 << 20 : 200_000) + 128);
            return CompletableFuture.completedFuture(new SynthesizedSpeech(Audio.of(bytes, AudioFormat.MP3), Duration.ZERO, "p"));
        });
        PerformancePipeline running = start(CACHES_ON + "voice.performance.level = basic\nvoice.performance.tts.cache.max-entries = 50\n", provider);
        long budget = 50L << 20;
        for (int i = 0; i < 400; i++) {
            running.synthesize(SpeechRequest.of("text " + i, AudioFormat.MP3));
            Map<String, Object> tts = (Map<String, Object>) running.stage("result-cache").get("tts");
            assertTrue((long) tts.get("bytes") <= budget, "over budget after entry " + i + ": " + tts);
            assertTrue((long) tts.get("entries") <= 50, "over the entry count after entry " + i + ": " + tts);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void anExplicitByteBudgetOverridesTheLevelsPreset() {
        byte[] bytes = mp3(200_000);
        PerformancePipeline running = start(CACHES_ON + "voice.performance.level = aggressive\nvoice.performance.tts.cache.max-bytes = 3MB\n",
                speaking(bytes, AudioFormat.MP3));
        long budget = 3L << 20;
        long mostBytes = 0;
        for (int i = 0; i < 100; i++) {
            running.synthesize(SpeechRequest.of("text " + i, AudioFormat.MP3));
            Map<String, Object> tts = (Map<String, Object>) running.stage("result-cache").get("tts");
            mostBytes = Math.max(mostBytes, (long) tts.get("bytes"));
            assertTrue((long) tts.get("bytes") <= budget, "over the explicit budget after entry " + i + ": " + tts);
        }
        // 100 entries of 200 KB (20 MB) fit the aggressive preset of 200 MB; only the explicit budget held them to 3 MB.
        assertTrue(mostBytes > budget / 2, "the cache filled towards its budget: " + mostBytes);
    }

    @Test
    @SuppressWarnings("unchecked")
    void uncompressedAudioIsKeptDeflatedAndComesBackIdentical() {
        byte[] pcm = new byte[200_000];
        for (int i = 0; i < pcm.length; i += 2) {
            pcm[i] = (byte) (Math.sin(i / 20.0) * 100);
        }
        byte[] wav = TestingAudio.wav(pcm, 16_000, 1);
        AnsweringProvider provider = speaking(wav, AudioFormat.WAV);
        PerformancePipeline running = start(CACHES_ON + "voice.performance.tts.compression-enabled = true\n", provider);
        SpeechRequest request = SpeechRequest.of("hello", AudioFormat.WAV);
        running.synthesize(request);
        SynthesizedSpeech hit = running.synthesize(request).value();
        assertEquals(1, provider.calls());
        assertTrue(java.util.Arrays.equals(wav, hit.audio().toByteArray()), "lossless");
        long stored = (long) ((Map<String, Object>) running.stage("result-cache").get("tts")).get("bytes");
        assertTrue(stored < wav.length / 2, "stored " + stored + " bytes for " + wav.length);
    }

    @Test
    void theSharedLevelIsOffWithoutAUri() {
        assertEquals(Map.of("state", "OFF"), start(CACHES_ON, transcribing("t")).stage("result-cache").get("redis"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anUnreachableSharedLevelIsDegradedAndChangesNoAnswer() {
        AnsweringProvider provider = transcribing("t");
        PerformancePipeline running = start(CACHES_ON + "voice.performance.cache.redis.uri = \"redis://:secret@127.0.0.1:1\"\n"
                + "voice.performance.cache.redis.secret = \"0123456789abcdef0123456789abcdef\"\n", provider);
        for (int i = 0; i < 3; i++) {
            assertEquals("t", running.transcribe(stt(wav(100, (byte) 1))).value().text());
        }
        assertEquals(1, provider.calls(), "the local level still answers repeats");
        Map<String, Object> redis = (Map<String, Object>) running.stage("result-cache").get("redis");
        assertEquals("DEGRADED", redis.get("state"));
        assertEquals("redis://127.0.0.1:1", redis.get("uri"), "never the password");
        assertEquals(1L, redis.get("errors"), "the one local miss found the shared level unable to answer");
        assertFalse(running.testing().stages().describe().toString().contains("secret"));
    }
}
