package io.voiceplatform.core.pipeline;

import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.Operation;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SpeechStream;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.core.config.CoreSettings;
import io.voiceplatform.core.config.LimitSettings;
import io.voiceplatform.core.config.ResilienceSettings;
import io.voiceplatform.core.testing.TestingAudio;
import io.voiceplatform.core.testing.TestingPipeline;
import io.voiceplatform.core.testing.TestingProvider;
import io.voiceplatform.core.testing.TestingProvider.Outcome;
import io.voiceplatform.core.testing.TestingSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

@Timeout(20)
class TestRequestPipeline {
    private final TestingProvider first = spy(new TestingProvider("first"));
    private final TestingProvider second = spy(new TestingProvider("second"));
    private final List<TestingPipeline> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(TestingPipeline::close);
    }

    private RequestPipeline pipeline(CoreSettings settings, Module... overrides) {
        TestingPipeline testing = new TestingPipeline(settings, List.of(overrides), first, second);
        started.add(testing);
        return testing.pipeline();
    }

    private RequestPipeline pipeline(Module... overrides) {
        return pipeline(TestingSettings.settings(List.of("first", "second"), List.of("first", "second")), overrides);
    }

    private static <T> Module override(Class<T> stage, T binding) {
        return binder -> OptionalBinder.newOptionalBinder(binder, stage).setBinding().toInstance(binding);
    }

    private static TranscriptionRequest wavRequest() {
        return TranscriptionRequest.of(TestingAudio.wavAudio());
    }

    /** A request with a fresh context; the context is closed once the result is there, as the HTTP layer does. */
    private static <T> Served<T> serve(RequestPipeline pipeline, java.util.function.Function<RequestContext, CompletableFuture<T>> call) {
        RequestContext context = pipeline.context("test", "tester");
        try {
            return new Served<>(call.apply(context).join(), context.decisions());
        } finally {
            context.close();
        }
    }

    private static Served<Transcript> transcribe(RequestPipeline pipeline, TranscriptionRequest request, Routing routing) {
        return serve(pipeline, context -> pipeline.transcribe(request, routing, context));
    }

    private static Served<SynthesizedSpeech> synthesize(RequestPipeline pipeline, SpeechRequest request) {
        return serve(pipeline, context -> pipeline.synthesize(request, Routing.auto(), context));
    }

    private static VoiceException failureOf(Supplier<?> call) {
        CompletionException e = assertThrows(CompletionException.class, call::get);
        return assertInstanceOf(VoiceException.class, e.getCause());
    }

    private record Served<T>(T value, Decisions decisions) {
    }

    @Test
    void servesFromTheFirstProviderInTheConfiguredOrder() {
        Served<Transcript> served = transcribe(pipeline(), wavRequest(), Routing.auto());
        assertEquals("first", served.value().provider());
        assertEquals(Optional.of("first"), served.decisions().provider());
        assertEquals(1, served.decisions().attempts());
        assertEquals(CacheStatus.BYPASS, served.decisions().cache(), "no cache or coalescing by default");
        assertEquals("hello from first", served.value().text());
        verify(second, never()).transcribe(any());
    }

    @Test
    void fallsBackToTheNextProviderAfterRetryableFailures() {
        first.then(Outcome.fail(ErrorKind.UNAVAILABLE));
        TestingPipeline testing = new TestingPipeline(TestingSettings.settings(List.of("first", "second"), List.of("first", "second")),
                List.of(), first, second);
        started.add(testing);
        Served<Transcript> served = transcribe(testing.pipeline(), wavRequest(), Routing.auto());
        assertEquals("second", served.value().provider());
        assertEquals(4, served.decisions().attempts(), "3 tries of the first provider, then 1 of the second");
        assertEquals(1.0, testing.meters().get("voice.fallbacks").tag("operation", "stt").counter().count());
        assertEquals(3.0, testing.meters().get("voice.provider.calls").tag("provider", "first").tag("outcome", "unavailable").counter().count());
        assertEquals(1.0, testing.meters().get("voice.provider.calls").tag("provider", "second").tag("outcome", "success").counter().count());
    }

    @Test
    void fallsBackAfterAnAuthenticationFailureWithoutRetrying() {
        first.then(Outcome.fail(ErrorKind.AUTHENTICATION));
        assertEquals("second", synthesize(pipeline(), SpeechRequest.of("hi", AudioFormat.WAV)).value().provider());
        verify(first).synthesize(any());
    }

    @Test
    void anInvalidRequestReportedByAProviderIsNotRetriedElsewhere() {
        first.then(Outcome.fail(ErrorKind.INVALID_REQUEST));
        RequestPipeline pipeline = pipeline();
        VoiceException e = failureOf(() -> transcribe(pipeline, wavRequest(), Routing.auto()));
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        verify(second, never()).transcribe(any());
    }

    @Test
    void whenEveryProviderFailsTheErrorSaysWhatEachAnswered() {
        first.then(Outcome.fail(ErrorKind.UNAVAILABLE));
        second.then(Outcome.fail(ErrorKind.PROVIDER_ERROR));
        RequestPipeline pipeline = pipeline();
        VoiceException e = failureOf(() -> transcribe(pipeline, wavRequest(), Routing.auto()));
        assertEquals(ErrorKind.PROVIDER_ERROR, e.kind());
        assertTrue(e.getMessage().contains("first: first says UNAVAILABLE"), e.getMessage());
        assertTrue(e.getMessage().contains("second: second says PROVIDER_ERROR"), e.getMessage());
    }

    @Test
    void oneDeadlineCoversEveryAttemptAndEachProviderGetsAShare() {
        first.then(Outcome.hang());
        second.then(Outcome.hang());
        RequestPipeline pipeline = pipeline(TestingSettings.settings(List.of("first", "second"), List.of("first", "second"),
                TestingSettings.resilience(), Duration.ofMillis(400)));
        long start = System.nanoTime();
        VoiceException e = failureOf(() -> transcribe(pipeline, wavRequest(), Routing.auto()));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(ErrorKind.TIMEOUT, e.kind());
        assertTrue(millis < 2_000, "the request ends at its deadline, not after every retry's own timeout: " + millis + " ms");
        verify(second).transcribe(any());
        assertEquals(first.calls() + second.calls(), first.cancelledCalls() + second.cancelledCalls(),
                "every timed-out call is cancelled");
    }

    @Test
    void aHungProviderLeavesTheFallbackTimeToAnswer() {
        first.then(Outcome.hang());
        RequestPipeline pipeline = pipeline(TestingSettings.settings(List.of("first", "second"), List.of("first", "second"),
                TestingSettings.resilience(), Duration.ofMillis(600)));
        Served<Transcript> served = transcribe(pipeline, wavRequest(), Routing.auto());
        assertEquals("second", served.value().provider(), "the first provider had half the time, the fallback the rest");
        assertTrue(first.cancelledCalls() >= 1);
    }

    @Test
    void aProviderSlowForItselfIsGivenUpForTheNextLongBeforeItsShareRunsOut() {
        CoreSettings settings = TestingSettings.settings(List.of("first", "second"), List.of("first", "second"),
                withSlowProvider(new ResilienceSettings.SlowProvider(4, Duration.ofMillis(200), 5)), Duration.ofSeconds(10));
        RequestPipeline pipeline = pipeline(settings);
        for (int i = 0; i < 5; i++) {
            assertEquals("first", transcribe(pipeline, wavRequest(), Routing.auto()).value().provider());
        }
        first.then(Outcome.hang());
        long start = System.nanoTime();
        Served<Transcript> served = transcribe(pipeline, wavRequest(), Routing.auto());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals("second", served.value().provider());
        assertEquals(1, first.cancelledCalls(), "the slow call is given up, not retried: its provider had only the time it usually takes");
        assertTrue(millis < 4_000, "given up after its minimum wait, not after its 5 s share: " + millis + " ms");
    }

    @Test
    void theLastProviderIsNeverGivenUpAsSlow() {
        CoreSettings settings = TestingSettings.settings(List.of("first"), List.of("first"),
                withSlowProvider(new ResilienceSettings.SlowProvider(4, Duration.ofMillis(50), 5)), Duration.ofSeconds(5));
        TestingPipeline testing = new TestingPipeline(settings, List.of(), first);
        started.add(testing);
        for (int i = 0; i < 5; i++) {
            transcribe(testing.pipeline(), wavRequest(), Routing.auto());
        }
        org.mockito.Mockito.doAnswer(invocation -> CompletableFuture.supplyAsync(() -> new Transcript("late", "en-US", null,
                Duration.ZERO, List.of(), List.of(), "first", "m"), CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS)))
                .when(first).transcribe(any());
        assertEquals("late", transcribe(testing.pipeline(), wavRequest(), Routing.auto()).value().text(),
                "with no next provider, the only one gets the whole time left, however slow it is for itself");
    }

    private static ResilienceSettings withSlowProvider(ResilienceSettings.SlowProvider slow) {
        ResilienceSettings r = TestingSettings.resilience();
        return new ResilienceSettings(r.maxAttempts(), r.initialBackoff(), r.maxBackoff(), r.backoffMultiplier(), r.jitter(),
                r.failureRateThreshold(), r.minimumCalls(), r.slidingWindowSize(), r.consecutiveFailures(), r.openDuration(),
                r.halfOpenCalls(), r.firstOpenDuration(), slow);
    }

    @Test
    void cancellingTheRequestReachesTheProviderCall() {
        first.then(Outcome.hang());
        RequestPipeline pipeline = pipeline();
        RequestContext context = pipeline.context("test", "tester");
        CompletableFuture<Transcript> pending = pipeline.transcribe(wavRequest(), Routing.auto(), context);
        verify(first, timeout(2_000)).transcribe(any());
        context.cancel();
        assertTrue(pending.isCancelled());
        assertEquals(1, first.cancelledCalls());
        verify(second, never()).transcribe(any());
        context.close();
    }

    @Test
    void aPinnedProviderGoesFirst() {
        assertEquals("second", transcribe(pipeline(), wavRequest(), Routing.pin("second")).value().provider());
        verify(first, never()).transcribe(any());
    }

    @Test
    void anUnknownPinnedProviderIsAnInvalidRequestThatNamesTheKnownOnes() {
        RequestPipeline pipeline = pipeline();
        VoiceException e = failureOf(() -> transcribe(pipeline, wavRequest(), Routing.pin("nope")));
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertEquals(Optional.of("model"), e.param());
        assertTrue(e.getMessage().contains("first, second"), e.getMessage());
    }

    @Test
    void providersThatCannotServeTheRequestAreSkippedBeforeAnyCall() {
        RequestPipeline pipeline = pipeline();
        VoiceException e = failureOf(() -> synthesize(pipeline, SpeechRequest.of("hi", AudioFormat.WEBM)));
        assertEquals(ErrorKind.UNSUPPORTED, e.kind());
        assertEquals(Optional.of("response_format"), e.param());
        assertTrue(e.getMessage().contains("cannot produce webm"), e.getMessage());
        assertEquals(Optional.of("voice"), failureOf(() -> synthesize(pipeline,
                SpeechRequest.of("hi", AudioFormat.WAV).withVoice("nobody"))).param());
        assertEquals(Optional.of("language"), failureOf(() -> transcribe(pipeline, wavRequest().withLanguage("ru-RU"),
                Routing.auto())).param());
        verify(first, never()).transcribe(any());
        verify(first, never()).synthesize(any());
        verify(second, never()).transcribe(any());
        verify(second, never()).synthesize(any());
    }

    @Test
    void aDeclaredFormatThatDisagreesWithTheBytesIsRefusedBeforeAnyCall() {
        RequestPipeline pipeline = pipeline();
        Audio lying = Audio.of(TestingAudio.wav(0.1, 200), AudioFormat.MP3);
        VoiceException e = failureOf(() -> transcribe(pipeline, TranscriptionRequest.of(lying), Routing.auto()));
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertEquals(Optional.of("file"), e.param());
        assertTrue(e.getMessage().contains("declared as mp3 but its bytes are wav"), e.getMessage());
        VoiceException notAudio = failureOf(() -> transcribe(pipeline, TranscriptionRequest.of(
                Audio.of("\u0089PNG\r\n\u001a\nxxxxxxxx".getBytes(), AudioFormat.WAV)), Routing.auto()));
        assertEquals(ErrorKind.INVALID_REQUEST, notAudio.kind());
        verify(first, never()).transcribe(any());
    }

    @Test
    void audioAndTextOverTheLimitsAreRefused() {
        RequestPipeline pipeline = pipeline(TestingSettings.settings(List.of("first"), List.of("first"), TestingSettings.resilience(),
                new LimitSettings(1000, 10, Duration.ofSeconds(5), "auto", 64, Duration.ofSeconds(1))));
        assertEquals(Optional.of("file"), failureOf(() -> transcribe(pipeline, wavRequest(), Routing.auto())).param());
        assertEquals(Optional.of("input"), failureOf(() -> synthesize(pipeline, SpeechRequest.of("eleven chars", AudioFormat.WAV))).param());
    }

    @Test
    void aFullServiceRefusesMoreUntilASlotIsGivenBack() {
        RequestPipeline pipeline = pipeline(TestingSettings.settings(List.of("first"), List.of("first"), TestingSettings.resilience(),
                new LimitSettings(25L << 20, 4096, Duration.ofSeconds(5), "auto", 1, Duration.ofMillis(20))));
        RequestContext holding = pipeline.context("one", "tester");
        pipeline.transcribe(wavRequest(), Routing.auto(), holding).join();
        RequestContext refused = pipeline.context("two", "tester");
        CompletableFuture<Transcript> full = pipeline.transcribe(wavRequest(), Routing.auto(), refused);
        AtCapacityException e = assertInstanceOf(AtCapacityException.class,
                assertThrows(CompletionException.class, full::join).getCause());
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertTrue(e.retryAfter().isPresent());
        refused.close();
        holding.close();
        assertEquals("first", transcribe(pipeline, wavRequest(), Routing.auto()).value().provider(),
                "the slot is free once the first answer was delivered");
    }

    @Test
    void aModelHintReachesOnlyTheProviderThatOffersIt() {
        first.then(Outcome.fail(ErrorKind.UNAVAILABLE));
        transcribe(pipeline(), wavRequest().withModelHint(Optional.of("first-model")), Routing.pin("first"));
        verify(first, timeout(1000).atLeastOnce()).transcribe(org.mockito.ArgumentMatchers.argThat(
                request -> request.modelHint().equals(Optional.of("first-model"))));
        verify(second).transcribe(org.mockito.ArgumentMatchers.argThat(request -> request.modelHint().isEmpty()));
    }

    @Test
    void theProviderOrderStageReordersAndHearsOfEveryCall() {
        ProviderOrder reversed = mock(ProviderOrder.class);
        when(reversed.order(eq(Operation.STT), any(), eq(false))).thenAnswer(invocation -> {
            List<String> providers = new ArrayList<>(invocation.getArgument(1));
            Collections.reverse(providers);
            return providers;
        });
        Served<Transcript> served = transcribe(pipeline(override(ProviderOrder.class, reversed)), wavRequest(), Routing.auto());
        assertEquals("second", served.value().provider());
        verify(reversed).order(Operation.STT, List.of("first", "second"), false);
        verify(reversed).record(eq(Operation.STT), eq("second"), eq(true), anyLong());
        verify(first, never()).transcribe(any());
    }

    @Test
    void aSlowProviderGetsAHedgeAndTheFirstSuccessWins() {
        first.then(Outcome.hang());
        HedgePolicy hedging = mock(HedgePolicy.class);
        when(hedging.delay(Operation.STT, "first")).thenReturn(Optional.of(Duration.ofMillis(30)));
        when(hedging.maxParallel(Operation.STT)).thenReturn(2);
        Served<Transcript> served = transcribe(pipeline(override(HedgePolicy.class, hedging)), wavRequest(), Routing.auto());
        assertEquals("second", served.value().provider());
        assertEquals(2, served.decisions().attempts());
        assertEquals(List.of("second"), served.decisions().hedges());
        assertEquals(1, first.cancelledCalls(), "the losing call is cancelled");
        verify(hedging).finished(Operation.STT, "second", true);
    }

    @Test
    void withoutAHedgeDelayASlowProviderIsWaitedFor() {
        first.then(Outcome.hang());
        CoreSettings oneTry = TestingSettings.settings(List.of("first", "second"), List.of("first", "second"),
                new ResilienceSettings(1, Duration.ofMillis(1), Duration.ofMillis(10), 2, 0, 50f, 10, 100, 5,
                        Duration.ofSeconds(60), 3, Duration.ofSeconds(60), ResilienceSettings.SlowProvider.OFF), Duration.ofMillis(400));
        Served<Transcript> served = transcribe(pipeline(oneTry), wavRequest(), Routing.auto());
        assertEquals("second", served.value().provider(), "served by the fallback only after the first's share ran out");
        assertEquals(1, first.cancelledCalls());
        assertEquals(List.of(), served.decisions().hedges());
    }

    @Test
    void aCacheHitIsServedWithoutCoalescingOrAnyProviderCall() {
        Transcript cached = new Transcript("cached", "en-US", null, Duration.ZERO, List.of(), List.of(), "first", "m");
        ResultCache cache = mock(ResultCache.class);
        when(cache.find(any())).thenReturn(CompletableFuture.completedFuture(CacheLookup.hit(cached)));
        RequestCoalescer coalescer = mock(RequestCoalescer.class);
        Served<Transcript> served = transcribe(pipeline(override(ResultCache.class, cache),
                override(RequestCoalescer.class, coalescer)), wavRequest(), Routing.auto());
        assertEquals("cached", served.value().text());
        assertEquals(CacheStatus.HIT, served.decisions().cache());
        assertEquals(0, served.decisions().attempts());
        verify(coalescer, never()).coalesce(any(), any());
        verify(first, never()).transcribe(any());
    }

    @Test
    void aMissGoesToTheProviderAndItsResultIsKept() {
        ResultCache cache = mock(ResultCache.class);
        when(cache.find(any())).thenReturn(CompletableFuture.completedFuture(CacheLookup.miss()));
        Served<Transcript> served = transcribe(pipeline(override(ResultCache.class, cache)), wavRequest(), Routing.auto());
        assertEquals(CacheStatus.MISS, served.decisions().cache());
        verify(cache).store(any(TranscriptionTask.class), eq(served.value()));
    }

    @Test
    void aRequestThatJoinsAnIdenticalOnesCallIsAHitWithoutAttempts() {
        Transcript shared = new Transcript("shared", "en-US", null, Duration.ZERO, List.of(), List.of(), "second", "m");
        RequestCoalescer joining = new RequestCoalescer() {
            @Override
            @SuppressWarnings("unchecked")
            public <R> Coalesced<R> coalesce(Task<R> task, Supplier<CompletableFuture<R>> call) {
                return new Coalesced<>(CompletableFuture.completedFuture((R) shared), Coalesced.Sharing.JOINED);
            }

            @Override
            public java.util.Map<String, Object> describe() {
                return java.util.Map.of("active", true);
            }
        };
        Served<Transcript> served = transcribe(pipeline(override(RequestCoalescer.class, joining)), wavRequest(), Routing.auto());
        assertEquals(shared, served.value());
        assertEquals(CacheStatus.HIT, served.decisions().cache());
        assertTrue(served.decisions().wasCoalesced());
        assertEquals(0, served.decisions().attempts());
    }

    @Test
    void identicalTasksHaveOneFingerprintAndAnyDifferenceChangesIt() {
        TranscriptionRequest request = wavRequest();
        String fingerprint = new TranscriptionTask(request, Routing.auto()).fingerprint();
        assertEquals(fingerprint, new TranscriptionTask(request, Routing.auto()).fingerprint());
        assertTrue(fingerprint.matches("[0-9a-f]{64}"));
        assertTrue(!fingerprint.equals(new TranscriptionTask(request.withPrompt("x"), Routing.auto()).fingerprint()));
        assertTrue(!fingerprint.equals(new TranscriptionTask(request, Routing.pin("first")).fingerprint()));
        byte[] otherAudio = TestingAudio.wav(0.5, 301);
        assertTrue(!fingerprint.equals(new TranscriptionTask(TranscriptionRequest.of(Audio.of(otherAudio, AudioFormat.WAV)),
                Routing.auto()).fingerprint()));
        SpeechRequest speech = SpeechRequest.of("ab", AudioFormat.WAV).withVoice("c");
        assertTrue(!new SpeechTask(speech, Routing.auto()).fingerprint()
                .equals(new SpeechTask(SpeechRequest.of("a", AudioFormat.WAV).withVoice("bc"), Routing.auto()).fingerprint()),
                "fields are delimited");
    }

    @Test
    void aStreamIsNeverLookedUpInTheCacheNorShared() {
        ResultCache cache = mock(ResultCache.class);
        when(cache.find(any())).thenReturn(CompletableFuture.completedFuture(CacheLookup.bypass()));
        RequestPipeline pipeline = pipeline(override(ResultCache.class, cache));
        RequestContext context = pipeline.context("test", "tester");
        SpeechStream stream = pipeline.synthesizeStream(SpeechRequest.of("hi", AudioFormat.WAV), Routing.auto(), context).join();
        context.close();
        assertEquals("first", stream.provider());
        assertEquals(CacheStatus.BYPASS, context.decisions().cache());
        verify(cache).find(org.mockito.ArgumentMatchers.argThat(task -> !task.reusable()));
    }

    @Test
    void anAnswerThatIsNotTheAudioAskedForFallsBackAndIsNeverKept() {
        byte[] html = "<html><body>Service Unavailable</body></html>".repeat(20).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        org.mockito.Mockito.doReturn(CompletableFuture.completedFuture(new SynthesizedSpeech(Audio.of(html, AudioFormat.WAV),
                Duration.ZERO, "first"))).when(first).synthesize(any());
        ResultCache cache = mock(ResultCache.class);
        when(cache.find(any())).thenReturn(CompletableFuture.completedFuture(CacheLookup.miss()));
        Served<SynthesizedSpeech> served = synthesize(pipeline(override(ResultCache.class, cache)), SpeechRequest.of("hi", AudioFormat.WAV));
        assertEquals("second", served.value().provider());
        verify(cache).store(any(), eq(served.value()));
        verify(cache, never()).store(any(), org.mockito.ArgumentMatchers.argThat(speech ->
                speech instanceof SynthesizedSpeech s && s.provider().equals("first")));
    }

    @Test
    void theObserverHearsOfEveryFinishedRequest() {
        RequestObserver observer = mock(RequestObserver.class);
        first.then(Outcome.succeed(), Outcome.fail(ErrorKind.INVALID_REQUEST));
        RequestPipeline pipeline = pipeline(override(RequestObserver.class, observer));
        transcribe(pipeline, wavRequest(), Routing.auto());
        failureOf(() -> transcribe(pipeline, wavRequest(), Routing.auto()));
        verify(observer).finished(eq(Operation.STT), anyLong(), eq(false));
        verify(observer).finished(eq(Operation.STT), anyLong(), eq(true));
    }

    @Test
    void eachStageDescribesItselfAsItIsBound() {
        TestingPipeline testing = new TestingPipeline(TestingSettings.settings(List.of("first"), List.of("first")), List.of(), first);
        started.add(testing);
        java.util.Map<String, java.util.Map<String, Object>> stages = testing.stages().describe();
        assertEquals(List.of("admission", "provider-order", "result-cache", "coalescing", "hedging", "speech-streaming", "monitoring"),
                List.copyOf(stages.keySet()));
        assertEquals(true, stages.get("admission").get("active"));
        assertEquals(1024, stages.get("admission").get("max-in-flight"));
        stages.forEach((name, description) -> {
            if (!name.equals("admission")) {
                assertEquals(false, description.get("active"), name + " does nothing by default");
            }
        });
    }
}
