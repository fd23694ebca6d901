package io.voiceplatform.core.orchestration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.performance.Chain;
import io.voiceplatform.api.performance.Operation;
import io.voiceplatform.api.performance.PerformanceExtension;
import io.voiceplatform.api.performance.ProviderCall;
import io.voiceplatform.core.config.CoreSettings;
import io.voiceplatform.core.registry.ProviderRegistry;
import io.voiceplatform.core.resilience.ProviderGuards;
import io.voiceplatform.core.testing.TestingAudio;
import io.voiceplatform.core.testing.TestingPlugins;
import io.voiceplatform.core.testing.TestingProvider;
import io.voiceplatform.core.testing.TestingProvider.Outcome;
import io.voiceplatform.core.testing.TestingSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class TestVoiceOrchestrator {
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final TestingProvider first = new TestingProvider("first");
    private final TestingProvider second = new TestingProvider("second");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private VoiceOrchestrator orchestrator(CoreSettings settings, PerformanceExtension extension) {
        ProviderRegistry registry = TestingPlugins.registry(scheduler, first, second);
        return new VoiceOrchestrator(registry, new ProviderGuards(registry, settings, scheduler), settings, extension, scheduler, new ProviderMetrics(meters, false));
    }

    private VoiceOrchestrator orchestrator() {
        return orchestrator(TestingSettings.settings(List.of("first", "second"), List.of("first", "second")),
                PerformanceExtension.NONE);
    }

    private static TranscriptionRequest wavRequest() {
        return TranscriptionRequest.of(TestingAudio.wavAudio());
    }

    private static VoiceException failureOf(CompletionStage<?> stage) {
        CompletionException e = assertThrows(CompletionException.class, () -> stage.toCompletableFuture().join());
        return assertInstanceOf(VoiceException.class, e.getCause());
    }

    @Test
    void servesFromTheFirstProviderInTheConfiguredOrder() {
        Served<Transcript> served = orchestrator().transcribe(wavRequest(), Routing.auto()).toCompletableFuture().join();
        assertEquals("first", served.provider());
        assertEquals(1, served.attempts());
        assertEquals("hello from first", served.value().text());
        assertEquals(0, second.calls());
    }

    @Test
    void fallsBackToTheNextProviderAfterRetryableFailures() {
        first.then(Outcome.fail(ErrorKind.UNAVAILABLE));
        Served<Transcript> served = orchestrator().transcribe(wavRequest(), Routing.auto()).toCompletableFuture().join();
        assertEquals("second", served.provider());
        assertEquals(4, served.attempts(), "3 tries of the first provider, then 1 of the second");
        assertEquals(1.0, meters.get("voice.fallbacks").tag("operation", "stt").counter().count());
        assertEquals(3.0, meters.get("voice.provider.calls").tag("provider", "first").tag("outcome", "unavailable").counter().count());
        assertEquals(1.0, meters.get("voice.provider.calls").tag("provider", "second").tag("outcome", "success").counter().count());
    }

    @Test
    void fallsBackAfterAnAuthenticationFailureWithoutRetrying() {
        first.then(Outcome.fail(ErrorKind.AUTHENTICATION));
        Served<SynthesizedSpeech> served = orchestrator()
                .synthesize(SpeechRequest.of("hi", AudioFormat.WAV), Routing.auto()).toCompletableFuture().join();
        assertEquals("second", served.provider());
        assertEquals(1, first.calls());
    }

    @Test
    void anInvalidRequestReportedByAProviderIsNotRetriedElsewhere() {
        first.then(Outcome.fail(ErrorKind.INVALID_REQUEST));
        VoiceException e = failureOf(orchestrator().transcribe(wavRequest(), Routing.auto()));
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertEquals(0, second.calls());
    }

    @Test
    void whenEveryProviderFailsTheErrorSaysWhatEachAnswered() {
        first.then(Outcome.fail(ErrorKind.UNAVAILABLE));
        second.then(Outcome.fail(ErrorKind.PROVIDER_ERROR));
        VoiceException e = failureOf(orchestrator().transcribe(wavRequest(), Routing.auto()));
        assertEquals(ErrorKind.PROVIDER_ERROR, e.kind());
        assertTrue(e.getMessage().contains("first: first says UNAVAILABLE"), e.getMessage());
        assertTrue(e.getMessage().contains("second: second says PROVIDER_ERROR"), e.getMessage());
    }

    @Test
    void whenEveryProviderTimesOutTheErrorIsATimeout() {
        first.then(Outcome.hang());
        second.then(Outcome.hang());
        CoreSettings settings = TestingSettings.settings(List.of("first", "second"), List.of("first", "second"),
                TestingSettings.resilience(), Duration.ofMillis(50));
        VoiceException e = failureOf(orchestrator(settings, PerformanceExtension.NONE).transcribe(wavRequest(), Routing.auto()));
        assertEquals(ErrorKind.TIMEOUT, e.kind());
        assertEquals(3, first.cancelledCalls(), "every timed-out call is cancelled");
    }

    @Test
    void cancellingTheRequestReachesTheProviderCall() throws Exception {
        first.then(Outcome.hang());
        CompletableFuture<Served<Transcript>> pending = orchestrator().transcribe(wavRequest(), Routing.auto()).toCompletableFuture();
        for (int i = 0; i < 100 && first.calls() == 0; i++) {
            Thread.sleep(5);
        }
        pending.cancel(true);
        assertEquals(1, first.cancelledCalls());
        assertEquals(0, second.calls());
    }

    @Test
    void aPinnedProviderGoesFirst() {
        Served<Transcript> served = orchestrator().transcribe(wavRequest(), Routing.pin("second")).toCompletableFuture().join();
        assertEquals("second", served.provider());
        assertEquals(0, first.calls());
    }

    @Test
    void anUnknownPinnedProviderIsAnInvalidRequestThatNamesTheKnownOnes() {
        VoiceException e = failureOf(orchestrator().transcribe(wavRequest(), Routing.pin("nope")));
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertEquals(Optional.of("model"), e.param());
        assertTrue(e.getMessage().contains("first, second"), e.getMessage());
    }

    @Test
    void providersThatCannotServeTheRequestAreSkippedBeforeAnyCall() {
        VoiceException e = failureOf(orchestrator().synthesize(SpeechRequest.of("hi", AudioFormat.FLAC), Routing.auto()));
        assertEquals(ErrorKind.UNSUPPORTED, e.kind());
        assertEquals(Optional.of("response_format"), e.param());
        assertTrue(e.getMessage().contains("cannot produce flac"), e.getMessage());
        assertEquals(0, first.calls() + second.calls());

        VoiceException voice = failureOf(orchestrator().synthesize(
                SpeechRequest.of("hi", AudioFormat.WAV).withVoice("nobody"), Routing.auto()));
        assertEquals(Optional.of("voice"), voice.param());

        VoiceException language = failureOf(orchestrator().transcribe(wavRequest().withLanguage("ru-RU"), Routing.auto()));
        assertEquals(Optional.of("language"), language.param());
        assertEquals(0, first.calls() + second.calls());
    }

    @Test
    void aDeclaredFormatThatDisagreesWithTheBytesIsRefusedBeforeAnyCall() {
        Audio lying = Audio.of(TestingAudio.wav(0.1, 200), AudioFormat.MP3);
        VoiceException e = failureOf(orchestrator().transcribe(TranscriptionRequest.of(lying), Routing.auto()));
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertEquals(Optional.of("file"), e.param());
        assertTrue(e.getMessage().contains("declared as mp3 but its bytes are wav"), e.getMessage());

        VoiceException notAudio = failureOf(orchestrator().transcribe(TranscriptionRequest.of(
                Audio.of("\u0089PNG\r\n\u001a\nxxxxxxxx".getBytes(), AudioFormat.WAV)), Routing.auto()));
        assertEquals(ErrorKind.INVALID_REQUEST, notAudio.kind());
        assertEquals(0, first.calls() + second.calls());
    }

    @Test
    void audioOverTheLimitIsRefused() {
        CoreSettings settings = TestingSettings.settings(List.of("first"), List.of("first"));
        CoreSettings small = new CoreSettings(settings.routing(),
                new io.voiceplatform.core.config.LimitSettings(1000, 10, Duration.ofSeconds(5), "auto"),
                settings.resilience(), settings.health(), settings.pluginsDir(), false);
        VoiceOrchestrator orchestrator = orchestrator(small, PerformanceExtension.NONE);
        assertEquals(Optional.of("file"), failureOf(orchestrator.transcribe(wavRequest(), Routing.auto())).param());
        assertEquals(Optional.of("input"), failureOf(orchestrator.synthesize(
                SpeechRequest.of("eleven chars", AudioFormat.WAV), Routing.auto())).param());
    }

    @Test
    void aModelHintReachesOnlyTheProviderThatOffersIt() {
        first.then(Outcome.fail(ErrorKind.UNAVAILABLE));
        TranscriptionRequest request = wavRequest().withModelHint(Optional.of("first-model"));
        orchestrator().transcribe(request, Routing.pin("first")).toCompletableFuture().join();
        TranscriptionRequest seenByFirst = (TranscriptionRequest) first.requests().get(0);
        TranscriptionRequest seenBySecond = (TranscriptionRequest) second.requests().get(0);
        assertEquals(Optional.of("first-model"), seenByFirst.modelHint());
        assertEquals(Optional.empty(), seenBySecond.modelHint());
    }

    @Test
    void thePerformanceExtensionWrapsRequestsAndCallsAndMayReorder() {
        List<String> seen = new CopyOnWriteArrayList<>();
        PerformanceExtension recording = new PerformanceExtension() {
            @Override
            public CompletionStage<Transcript> transcribe(TranscriptionRequest request, Chain<TranscriptionRequest, Transcript> next) {
                seen.add("request");
                return next.proceed(request);
            }

            @Override
            public <T> CompletionStage<T> aroundProviderCall(ProviderCall call, Supplier<CompletionStage<T>> invocation) {
                seen.add("call " + call.provider() + " #" + call.attempt());
                return invocation.get();
            }

            @Override
            public List<String> order(Operation operation, List<String> providers, boolean pinned) {
                List<String> reversed = new ArrayList<>(providers);
                java.util.Collections.reverse(reversed);
                return reversed;
            }
        };
        CoreSettings settings = TestingSettings.settings(List.of("first", "second"), List.of("first", "second"));
        Served<Transcript> served = orchestrator(settings, recording).transcribe(wavRequest(), Routing.auto())
                .toCompletableFuture().join();
        assertEquals("second", served.provider());
        assertEquals(List.of("request", "call second #1"), seen);
    }

    @Test
    void aSlowProviderGetsAHedgeAndTheFirstSuccessWins() {
        first.then(Outcome.hang());
        List<String> finished = new CopyOnWriteArrayList<>();
        PerformanceExtension hedging = new PerformanceExtension() {
            @Override
            public Optional<Duration> hedgeDelay(Operation operation, String provider) {
                return Optional.of(Duration.ofMillis(30));
            }

            @Override
            public int maxParallelProviders(Operation operation) {
                return 2;
            }

            @Override
            public void hedgeFinished(Operation operation, String hedgeProvider, boolean won) {
                finished.add(hedgeProvider + (won ? " won" : " lost"));
            }
        };
        CoreSettings settings = TestingSettings.settings(List.of("first", "second"), List.of("first", "second"));
        Served<Transcript> served = orchestrator(settings, hedging).transcribe(wavRequest(), Routing.auto())
                .toCompletableFuture().join();
        assertEquals("second", served.provider());
        assertEquals(2, served.attempts());
        assertEquals(1, first.cancelledCalls(), "the losing call is cancelled");
        assertEquals(List.of("second won"), finished);
    }

    @Test
    void withoutAHedgeDelayASlowProviderIsWaitedFor() {
        first.then(Outcome.hang());
        CoreSettings settings = TestingSettings.settings(List.of("first", "second"), List.of("first", "second"),
                new io.voiceplatform.core.config.ResilienceSettings(1, Duration.ofMillis(1), Duration.ofMillis(10), 2, 0,
                        50f, 10, 100, 5, Duration.ofSeconds(60), 3), Duration.ofMillis(200));
        Served<Transcript> served = orchestrator(settings, PerformanceExtension.NONE).transcribe(wavRequest(), Routing.auto())
                .toCompletableFuture().join();
        assertEquals("second", served.provider(), "served by fallback only after the timeout");
        assertEquals(1, first.cancelledCalls());
        assertEquals(CacheStatus.BYPASS, served.cache());
    }

    @Test
    void theCacheStatusSaysWhetherTheChainWasUsed() {
        PerformanceExtension passThroughCache = new PerformanceExtension() {
            @Override
            public boolean caches(Operation operation) {
                return true;
            }
        };
        CoreSettings settings = TestingSettings.settings(List.of("first", "second"), List.of("first", "second"));
        assertEquals(CacheStatus.MISS, orchestrator(settings, passThroughCache).transcribe(wavRequest(), Routing.auto())
                .toCompletableFuture().join().cache());
    }

    @Test
    void aResultThatDidNotComeThroughTheChainCountsNoAttempt() {
        Transcript cached = new Transcript("cached", "en-US", null, Duration.ZERO, List.of(), List.of(), "first", "m");
        PerformanceExtension cache = new PerformanceExtension() {
            @Override
            public CompletionStage<Transcript> transcribe(TranscriptionRequest request, Chain<TranscriptionRequest, Transcript> next) {
                return CompletableFuture.completedFuture(cached);
            }

            @Override
            public boolean caches(Operation operation) {
                return true;
            }
        };
        CoreSettings settings = TestingSettings.settings(List.of("first", "second"), List.of("first", "second"));
        Served<Transcript> served = orchestrator(settings, cache).transcribe(wavRequest(), Routing.auto()).toCompletableFuture().join();
        assertEquals(0, served.attempts());
        assertEquals(CacheStatus.HIT, served.cache());
        assertEquals("first", served.provider());
        assertEquals(0, first.calls());
    }
}
