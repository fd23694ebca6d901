package io.voiceplatform.performance.cache.redis;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.TimedText;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.core.pipeline.RequestContext;
import io.voiceplatform.core.pipeline.Routing;
import io.voiceplatform.performance.testing.AnsweringProvider;
import io.voiceplatform.performance.testing.PerformancePipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The shared level against a real redis-server on loopback: replicas share results, and Redis going away, hanging
 * or never being there costs no request and at most about the timeout.
 */
@Timeout(120)
class TestRedisSharedCache {
    private static final String CACHES_ON = "voice.performance.stt.cache.enabled = true\nvoice.performance.tts.cache.enabled = true\n";
    private static final String SECRET = "the-replicas-shared-secret-of-32-chars-or-more";
    private static RedisServerProcess redis;

    private final List<Replica> replicas = new ArrayList<>();

    @BeforeAll
    static void startRedis() throws IOException {
        RedisServerProcess.requireInstalled();
        redis = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void emptyRedis() throws IOException {
        assertEquals("OK", redis.command("FLUSHALL"));
    }

    @org.junit.jupiter.api.AfterEach
    void closeReplicas() {
        replicas.forEach(Replica::close);
    }

    /** A replica: the pipeline with its own local caches and meters, the shared level at {@code uri} when not null. */
    private Replica replica(String uri, String config) {
        String file = CACHES_ON + config + (uri == null ? "" : "voice.performance.cache.redis.uri = \"" + uri + "\"\n"
                + "voice.performance.cache.redis.secret = \"" + SECRET + "\"\n");
        Replica replica = new Replica(file);
        replicas.add(replica);
        return replica;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> shared(Replica replica) {
        return (Map<String, Object>) replica.describe().get("redis");
    }

    /**
     * One service replica: the request pipeline with this module, over a provider whose answers each call names (the
     * {@link Provider} passed to it), so that a test can count the calls that reached "the provider" per replica.
     */
    private static final class Replica implements AutoCloseable {
        private final AnsweringProvider answering = new AnsweringProvider("p", r -> null, r -> null);
        private final PerformancePipeline running;

        Replica(String config) {
            this.running = PerformancePipeline.start(config, answering);
        }

        CompletableFuture<Transcript> transcribeAsync(TranscriptionRequest request, Provider<TranscriptionRequest, Transcript> provider,
                                                      RequestContext context) {
            answering.transcribing(provider::proceed);
            return running.pipeline().transcribe(request, Routing.auto(), context);
        }

        Transcript transcribe(TranscriptionRequest request, Provider<TranscriptionRequest, Transcript> provider) {
            answering.transcribing(provider::proceed);
            return running.transcribe(request).value();
        }

        SynthesizedSpeech synthesize(SpeechRequest request, Provider<SpeechRequest, SynthesizedSpeech> provider) {
            answering.speaking(provider::proceed);
            return running.synthesize(request).value();
        }

        RequestContext context() {
            return running.pipeline().context("test", "tester");
        }

        Map<String, Object> describe() {
            return running.stage("result-cache");
        }

        @Override
        public void close() {
            running.close();
        }
    }

    private static void await(String what, Duration within, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + within + ": " + what);
            }
            Thread.sleep(10);
        }
    }

    private static void awaitState(Replica features, String state, Duration within) throws InterruptedException {
        await("shared level " + state + ", is " + shared(features), within, () -> state.equals(shared(features).get("state")));
    }

    private static void awaitKeys(long keys) throws InterruptedException {
        await(keys + " keys in Redis", Duration.ofSeconds(5), () -> {
            try {
                return (long) redis.command("DBSIZE") >= keys;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** A provider's answers, counted. */
    private static final class Provider<Q, R> {
        final AtomicInteger calls = new AtomicInteger();
        private final Function<Q, R> answer;

        Provider(Function<Q, R> answer) {
            this.answer = answer;
        }

        CompletableFuture<R> proceed(Q request) {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(answer.apply(request));
        }
    }

    private static TranscriptionRequest stt(int n) {
        byte[] audio = new byte[2000];
        System.arraycopy("RIFF....WAVE".getBytes(), 0, audio, 0, 12);
        audio[1000] = (byte) n;
        audio[1001] = (byte) (n >> 8);
        audio[1002] = (byte) (n >> 16);
        return TranscriptionRequest.of(Audio.of(audio, AudioFormat.WAV));
    }

    private static Transcript transcript(String text) {
        return new Transcript(text, "de-DE", OptionalDouble.of(0.93), Duration.ofMillis(2500),
                List.of(new TimedText(0, 2.5, text)), List.of(new TimedText(0, 1, "Guten"), new TimedText(1, 2.5, "Tag")),
                "deepgram", "nova-2");
    }

    /** A WAV of {@code size} bytes of samples (and a 44-byte header). */
    private static SynthesizedSpeech speech(int size) {
        byte[] pcm = new byte[size];
        for (int i = 0; i < size; i++) {
            pcm[i] = (byte) (i * 31);
        }
        return new SynthesizedSpeech(Audio.of(io.voiceplatform.core.testing.TestingAudio.wav(pcm, 24_000, 1), AudioFormat.WAV, 24_000, 1),
                Duration.ofMillis(size / 48), "openai");
    }

    private static Transcript transcribe(Replica replica, TranscriptionRequest request, Provider<TranscriptionRequest, Transcript> provider) {
        return replica.transcribe(request, provider);
    }

    @Test
    @Timeout(60)
    void aResultComputedThroughOneReplicaIsAHitOnAnother() throws Exception {
        // Not about time: a generous timeout keeps a cold JVM on a busy machine from degrading the level.
        Replica a = replica(redis.uri(), "voice.performance.cache.redis.timeout = 2s\n");
        Replica b = replica(redis.uri(), "voice.performance.cache.redis.timeout = 2s\n");
        awaitState(a, "UP", Duration.ofSeconds(10));
        awaitState(b, "UP", Duration.ofSeconds(10));

        Provider<TranscriptionRequest, Transcript> sttA = new Provider<>(r -> transcript("Guten Tag"));
        Provider<TranscriptionRequest, Transcript> sttB = new Provider<>(r -> transcript("computed on B"));
        Transcript computed = transcribe(a, stt(1), sttA);
        awaitKeys(1);
        Transcript shared = transcribe(b, stt(1), sttB);
        assertEquals(1, sttA.calls.get());
        assertEquals(0, sttB.calls.get(), "B's providers were not called");
        assertEquals(computed, shared, "every field came through Redis");
        assertEquals(1L, shared(b).get("hits"));
        transcribe(b, stt(1), sttB);
        assertEquals(1L, shared(b).get("hits"), "the Redis hit filled B's local level");

        Provider<SpeechRequest, SynthesizedSpeech> ttsA = new Provider<>(r -> speech(100_000));
        Provider<SpeechRequest, SynthesizedSpeech> ttsB = new Provider<>(r -> speech(10));
        SpeechRequest hello = SpeechRequest.of("Hello from replica A", AudioFormat.WAV).withVoice("alloy");
        SynthesizedSpeech made = a.synthesize(hello, ttsA);
        awaitKeys(2);
        SynthesizedSpeech heard = b.synthesize(hello, ttsB);
        assertEquals(1, ttsA.calls.get());
        assertEquals(0, ttsB.calls.get());
        assertEquals(made, heard);
        assertArrayEquals(made.audio().toByteArray(), heard.audio().toByteArray());

        @SuppressWarnings("unchecked")
        List<String> keys = (List<String>) redis.command("KEYS", "voice:*");
        assertEquals(2, keys.size(), keys.toString());
        assertTrue(keys.stream().anyMatch(k -> k.matches("voice:stt:[0-9a-f]{64}")), keys.toString());
        assertTrue(keys.stream().anyMatch(k -> k.matches("voice:tts:[0-9a-f]{64}")), keys.toString());
        for (String key : keys) {
            long ttl = (long) redis.command("PTTL", key);
            long local = key.startsWith("voice:stt:") ? 3_600_000 : 7_200_000;
            assertTrue(ttl > local - 60_000 && ttl <= local, key + " expires in " + ttl + " ms, the local level after " + local);
        }
        assertEquals(Map.of("state", "UP", "hits", 2L, "misses", 0L, "errors", 0L, "uri", redis.uri()), shared(b));
    }

    @Test
    @Timeout(60)
    void whatTheLocalLevelRefusesIsNotShared() throws Exception {
        Replica a = replica(redis.uri(), "voice.performance.tts.cache.max-bytes = 50000\n"
                + "voice.performance.cache.redis.max-value-bytes = 20000\nvoice.performance.cache.redis.timeout = 2s\n");
        awaitState(a, "UP", Duration.ofSeconds(10));
        a.synthesize(SpeechRequest.of("over the byte budget", AudioFormat.WAV), new Provider<>(r -> speech(60_000)));
        a.synthesize(SpeechRequest.of("over the value limit", AudioFormat.WAV), new Provider<>(r -> speech(30_000)));
        a.synthesize(SpeechRequest.of("small", AudioFormat.WAV), new Provider<>(r -> speech(1_000)));
        awaitKeys(1);
        Thread.sleep(200);
        assertEquals(1L, redis.command("DBSIZE"), "only the small result went to Redis");
    }

    @Test
    @Timeout(90)
    void killingRedisLosesNoRequestAndTheLevelRecoversWhenItReturns() throws Exception {
        Replica a = replica(redis.uri(), "voice.performance.cache.redis.timeout = 500ms\n");
        awaitState(a, "UP", Duration.ofSeconds(10));
        Provider<TranscriptionRequest, Transcript> provider = new Provider<>(r -> transcript("t"));
        transcribe(a, stt(0), provider);
        awaitKeys(1);

        try (CapturedLogs logs = new CapturedLogs()) {
            ExecutorService callers = Executors.newFixedThreadPool(8);
            CountDownLatch halfway = new CountDownLatch(100);
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            List<Future<?>> requests = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i % 150;
                requests.add(callers.submit(() -> {
                    try {
                        assertEquals("t", transcribe(a, stt(n), provider).text());
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                    halfway.countDown();
                }));
            }
            halfway.await();
            redis.kill();
            for (Future<?> request : requests) {
                request.get(30, TimeUnit.SECONDS);
            }
            callers.shutdown();
            assertEquals(List.of(), failures, "every request succeeded");
            for (int i = 1000; i < 1020; i++) {
                assertEquals("t", transcribe(a, stt(i), provider).text(), "with Redis gone, the provider answers");
            }
            awaitState(a, "DEGRADED", Duration.ofSeconds(2));
            assertTrue((long) shared(a).get("errors") > 0, shared(a).toString());
            assertEquals(1, logs.warnings().size(), "one warning, not one per request: " + logs.warnings());
            assertTrue(logs.warnings().get(0).contains("redis://127.0.0.1:" + redis.port()), logs.warnings().get(0));

            redis.restart();
            awaitState(a, "UP", Duration.ofSeconds(15));
            assertEquals(1, logs.warnings().size(), logs.warnings().toString());
            // The state turns UP a moment before its INFO line is written: wait for the line, bounded.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (logs.atLeast(ch.qos.logback.classic.Level.INFO).stream().noneMatch(line -> line.startsWith("INFO")
                    && line.contains("recovered")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(logs.atLeast(ch.qos.logback.classic.Level.INFO).stream().anyMatch(line -> line.startsWith("INFO")
                    && line.contains("recovered")), logs.atLeast(ch.qos.logback.classic.Level.INFO).toString());
            int before = provider.calls.get();
            transcribe(a, stt(2000), provider);
            assertEquals(before + 1, provider.calls.get());
            awaitKeys(1);
            System.out.printf("shared level: killed and restarted, %d requests served, %d warning%n", 420, logs.warnings().size());
        }
    }

    /** Loads and compiles the request path, so that timings measure the shared level rather than a cold JVM. */
    private void warmUp() {
        timedMisses(replica(null, ""), new Provider<>(r -> transcript("warm")), 900_000, 500);
    }

    @Test
    @Timeout(60)
    void aClosedPortCostsNoRequestAndAlmostNoTime() throws Exception {
        warmUp();
        long start = System.nanoTime();
        Replica down = replica("redis://127.0.0.1:" + RedisServerProcess.freePort(), "");
        long created = System.nanoTime() - start;
        System.out.printf("shared level: a replica with Redis down was created in %d ms%n", created / 1_000_000);
        assertTrue(created < TimeUnit.SECONDS.toNanos(2), "start-up does not wait for Redis: " + created / 1_000_000 + " ms");
        Replica none = replica(null, "");
        try (CapturedLogs logs = new CapturedLogs()) {
            Provider<TranscriptionRequest, Transcript> provider = new Provider<>(r -> transcript("t"));
            // Before and after the first connection attempt has failed.
            long[] withDown = timedMisses(down, provider, 0, 200);
            awaitState(down, "DEGRADED", Duration.ofSeconds(5));
            withDown = concat(withDown, timedMisses(down, provider, 200, 200));
            long[] without = timedMisses(none, new Provider<>(r -> transcript("t")), 0, 400);
            report("miss, Redis port closed", withDown);
            report("miss, no shared level", without);
            assertAtMostAboutTheTimeout(withDown);
            assertEquals(400, provider.calls.get());
            assertTrue(logs.warnings().size() <= 1, logs.warnings().toString());
        }
        assertEquals("DEGRADED", shared(down).get("state"));
    }

    @Test
    @Timeout(60)
    void aListenerThatNeverAnswersCostsNoRequest() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            warmUp();
            try (CapturedLogs logs = new CapturedLogs()) {
                Replica hung = replica("redis://127.0.0.1:" + silent.getLocalPort(), "");
                Provider<TranscriptionRequest, Transcript> provider = new Provider<>(r -> transcript("t"));
                long[] misses = timedMisses(hung, provider, 0, 100);
                // The connection opens, but Redis's greeting never comes: the attempt fails after its own limit.
                await("the level gave up connecting", Duration.ofSeconds(15), () -> logs.warnings().size() == 1);
                assertEquals("DEGRADED", shared(hung).get("state"));
                misses = concat(misses, timedMisses(hung, provider, 100, 100));
                report("miss, Redis never answers", misses);
                assertEquals(200, provider.calls.get());
                assertAtMostAboutTheTimeout(misses);
                assertTrue(held.size() >= 1, "the client did connect to the silent listener");
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    @Timeout(60)
    void aFrozenRedisCostsOneTimeoutThenNothingUntilItAnswersAgain() throws Exception {
        warmUp();
        Replica a = replica(redis.uri(), "");
        awaitState(a, "UP", Duration.ofSeconds(10));
        Provider<TranscriptionRequest, Transcript> provider = new Provider<>(r -> transcript("t"));
        timedMisses(a, provider, 0, 200); // warms the path up: the first commands of a JVM may be slow
        awaitKeys(200); // every write answered, so none is still pending when Redis freezes
        awaitState(a, "UP", Duration.ofSeconds(5));
        try (CapturedLogs logs = new CapturedLogs()) {
            redis.freeze();
            try {
                long[] first = timedMisses(a, provider, 500, 1);
                assertEquals("DEGRADED", shared(a).get("state"));
                long[] later = timedMisses(a, provider, 501, 100);
                report("first miss, Redis frozen (timeout 100 ms)", first);
                report("later misses, Redis frozen", later);
                assertTrue(first[0] >= TimeUnit.MILLISECONDS.toNanos(90) && first[0] < TimeUnit.MILLISECONDS.toNanos(100 + 400),
                        "the first miss waited " + first[0] / 1000 + " µs");
                assertTrue(percentile99(later) < TimeUnit.MILLISECONDS.toNanos(20), "a degraded level is skipped: p99 "
                        + percentile99(later) / 1000 + " µs");
                assertTrue(max(later) < TimeUnit.SECONDS.toNanos(1), "slowest " + max(later) / 1000 + " µs");
                assertEquals(1, logs.warnings().size(), logs.warnings().toString());
            } finally {
                redis.thaw();
            }
            awaitState(a, "UP", Duration.ofSeconds(5));
            assertEquals(1, logs.warnings().size(), logs.warnings().toString());
        }
        assertEquals(301, provider.calls.get(), "every request was answered");
    }

    @Test
    @Timeout(60)
    void aCallerGivingUpWhileRedisIsAskedStartsNoProviderCall() throws Exception {
        Replica a = replica(redis.uri(), "voice.performance.cache.redis.timeout = 3s\n");
        awaitState(a, "UP", Duration.ofSeconds(10));
        Provider<TranscriptionRequest, Transcript> provider = new Provider<>(r -> transcript("t"));
        transcribe(a, stt(0), provider);
        awaitKeys(1);
        redis.freeze();
        CompletableFuture<Transcript> request;
        try {
            RequestContext context = a.context();
            request = a.transcribeAsync(stt(1), provider, context);
            Thread.sleep(100);
            assertTrue(!request.isDone(), "waits for Redis");
            context.cancel();
            context.close();
        } finally {
            redis.thaw();
        }
        Thread.sleep(300);
        assertTrue(request.isCancelled());
        assertEquals(1, provider.calls.get(), "no provider call for a request nobody waits for");
        assertEquals("UP", shared(a).get("state"), "a cancelled command is no failure of Redis");
    }

    @Test
    @Timeout(60)
    void measuresLocalAndSharedHitsAndMisses() throws Exception {
        warmUp();
        Replica a = replica(redis.uri(), "voice.performance.cache.redis.timeout = 1s\n");
        Replica b = replica(redis.uri(), "voice.performance.cache.redis.timeout = 1s\n");
        awaitState(a, "UP", Duration.ofSeconds(10));
        awaitState(b, "UP", Duration.ofSeconds(10));
        timedMisses(a, new Provider<>(r -> transcript("warm")), 10_000, 300);
        int n = 300;
        Provider<TranscriptionRequest, Transcript> onA = new Provider<>(r -> transcript("t"));
        Provider<TranscriptionRequest, Transcript> onB = new Provider<>(r -> transcript("never"));
        long[] missA = timedMisses(a, onA, 0, n);
        awaitKeys(300 + n);
        long[] redisHitB = timedMisses(b, onB, 0, n);
        long[] localHitB = timedMisses(b, onB, 0, n);
        assertEquals(0, onB.calls.get());
        report("STT miss with Redis up (GET nil + provider + async SET)", missA);
        report("STT Redis hit", redisHitB);
        report("STT local hit", localHitB);

        Provider<SpeechRequest, SynthesizedSpeech> speechA = new Provider<>(r -> speech(100_000));
        long[] ttsMiss = new long[100];
        long[] ttsRedis = new long[100];
        for (int i = 0; i < 100; i++) {
            long start = System.nanoTime();
            a.synthesize(SpeechRequest.of("text " + i, AudioFormat.WAV), speechA);
            ttsMiss[i] = System.nanoTime() - start;
        }
        awaitKeys(300 + n + 100);
        for (int i = 0; i < 100; i++) {
            long start = System.nanoTime();
            b.synthesize(SpeechRequest.of("text " + i, AudioFormat.WAV), new Provider<>(r -> speech(1)));
            ttsRedis[i] = System.nanoTime() - start;
        }
        report("TTS 100 KB miss with Redis up", ttsMiss);
        report("TTS 100 KB Redis hit", ttsRedis);
        assertEquals(100L + n, shared(b).get("hits"));
    }

    @Test
    @Timeout(60)
    void thePasswordInTheUriIsUsedAndNeverShown() throws Exception {
        try (RedisServerProcess guarded = RedisServerProcess.start("--requirepass", "s3cret-pw");
             CapturedLogs logs = new CapturedLogs()) {
            Replica right = replica("redis://:s3cret-pw@127.0.0.1:" + guarded.port(), "");
            Replica wrong = replica("redis://:not-it@127.0.0.1:" + guarded.port(), "");
            awaitState(right, "UP", Duration.ofSeconds(10));
            await("the wrong password is reported", Duration.ofSeconds(10), () -> logs.warnings().size() == 1);
            assertEquals("DEGRADED", shared(wrong).get("state"));
            // Redis refuses with WRONGPASS, or (on a busy machine) Lettuce sees the refused handshake as a closed
            // connection first; either way the warning names the address, never the password.
            assertTrue(logs.warnings().get(0).contains("redis://127.0.0.1:" + guarded.port() + " is unavailable"), logs.warnings().get(0));
            String everything = right.describe() + " " + wrong.describe() + " " + logs.atLeast(ch.qos.logback.classic.Level.TRACE);
            assertTrue(!everything.contains("s3cret") && !everything.contains("not-it"), everything);
            assertEquals("redis://127.0.0.1:" + guarded.port(), shared(right).get("uri"));
        }
    }

    @Test
    @Timeout(60)
    void closingAReplicaEndsTheRedisClientsThreads() throws Exception {
        Replica a = replica(redis.uri(), "");
        awaitState(a, "UP", Duration.ofSeconds(10));
        assertTrue(lettuceThreads().stream().allMatch(Thread::isDaemon), "they never keep the JVM alive: " + lettuceThreads());
        replicas.forEach(Replica::close);
        replicas.clear();
        await("no Lettuce thread left, still " + lettuceThreads(), Duration.ofSeconds(10), () -> lettuceThreads().isEmpty());
    }

    private static List<Thread> lettuceThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith("lettuce")).toList();
    }

    /** Nanoseconds each of {@code count} different transcriptions took, from {@code first} on. */
    private static long[] timedMisses(Replica features, Provider<TranscriptionRequest, Transcript> provider, int first, int count) {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            TranscriptionRequest request = stt(first + i);
            long start = System.nanoTime();
            transcribe(features, request, provider);
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    /**
     * With the default timeout of 100 ms: 99% of misses within it and 50 ms of slack; none near a second. A lone
     * slower one is a collection or a busy machine, not the level.
     */
    private static void assertAtMostAboutTheTimeout(long[] nanos) {
        assertTrue(percentile99(nanos) < TimeUnit.MILLISECONDS.toNanos(100 + 50), "p99 of misses " + percentile99(nanos) / 1000 + " µs");
        assertTrue(max(nanos) < TimeUnit.SECONDS.toNanos(1), "slowest miss " + max(nanos) / 1000 + " µs");
    }

    private static long percentile99(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
    }

    private static long max(long[] nanos) {
        return Arrays.stream(nanos).max().orElse(0);
    }

    private static long[] concat(long[] a, long[] b) {
        long[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("shared level latency | %s | n=%d | median %d µs | p99 %d µs | max %d µs%n", what, sorted.length,
                sorted[sorted.length / 2] / 1000, percentile99(nanos) / 1000, sorted[sorted.length - 1] / 1000);
    }
}
