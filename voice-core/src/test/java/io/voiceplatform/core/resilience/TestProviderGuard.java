package io.voiceplatform.core.resilience;

import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.core.config.ResilienceSettings;
import io.voiceplatform.core.health.CallStatistics;
import io.voiceplatform.core.testing.TestingSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class TestProviderGuard {
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /** A guard whose every call has {@code time} from its start: the share of a request's deadline it was given. */
    private Guarded guard(ResilienceSettings settings, Duration time) {
        return new Guarded(new ProviderGuard("p-stt", "p", settings, scheduler, new CallStatistics(100)), time);
    }

    private record Guarded(ProviderGuard guard, Duration time) {
        <T> CompletableFuture<T> call(java.util.function.IntFunction<java.util.concurrent.CompletionStage<T>> attempt,
                                      AtomicInteger attempts) {
            return guard.call(attempt, System.nanoTime() + time.toNanos(), attempts::incrementAndGet);
        }

        String circuitState() {
            return guard.circuitState();
        }

        CallStatistics statistics() {
            return guard.statistics();
        }
    }

    private static CompletableFuture<String> failing(ErrorKind kind) {
        return CompletableFuture.failedFuture(new VoiceException(kind, "boom " + kind, null, "p", null, null));
    }

    private static VoiceException failureOf(CompletableFuture<?> future) {
        CompletionException e = assertThrows(CompletionException.class, future::join);
        return assertInstanceOf(VoiceException.class, e.getCause());
    }

    @Test
    void retriesRetryableErrorsUntilSuccess() {
        Guarded guard = guard(TestingSettings.resilience(), Duration.ofSeconds(5));
        AtomicInteger attempts = new AtomicInteger();
        String result = guard.call(n -> n < 3 ? failing(ErrorKind.UNAVAILABLE) : CompletableFuture.completedFuture("ok"), attempts).join();
        assertEquals("ok", result);
        assertEquals(3, attempts.get());
    }

    @Test
    void givesUpAfterMaxAttempts() {
        Guarded guard = guard(TestingSettings.resilience(), Duration.ofSeconds(5));
        AtomicInteger attempts = new AtomicInteger();
        VoiceException e = failureOf(guard.call(n -> failing(ErrorKind.UNAVAILABLE), attempts));
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertEquals(3, attempts.get());
    }

    @Test
    void doesNotRetryWhatARetryCannotFix() {
        Guarded guard = guard(TestingSettings.resilience(), Duration.ofSeconds(5));
        for (ErrorKind kind : new ErrorKind[]{ErrorKind.AUTHENTICATION, ErrorKind.INVALID_REQUEST, ErrorKind.UNSUPPORTED, ErrorKind.PROVIDER_ERROR}) {
            AtomicInteger attempts = new AtomicInteger();
            assertEquals(kind, failureOf(guard.call(n -> failing(kind), attempts)).kind());
            assertEquals(1, attempts.get(), kind.name());
        }
    }

    @Test
    void waitsAsLongAsRetryAfterSays() {
        Guarded guard = guard(TestingSettings.resilience(), Duration.ofSeconds(5));
        AtomicInteger attempts = new AtomicInteger();
        long start = System.nanoTime();
        String result = guard.call(n -> n == 1
                ? CompletableFuture.failedFuture(VoiceException.rateLimited("p", "slow down", Duration.ofMillis(150)))
                : CompletableFuture.completedFuture("ok"), attempts).join();
        assertEquals("ok", result);
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(150), "retried before Retry-After");
    }

    @Test
    void skipsRetryWhenRetryAfterIsLongerThanTheLongestBackoff() {
        Guarded guard = guard(TestingSettings.resilience(), Duration.ofSeconds(5));
        AtomicInteger attempts = new AtomicInteger();
        VoiceException e = failureOf(guard.call(n -> CompletableFuture.failedFuture(
                VoiceException.rateLimited("p", "come back tomorrow", Duration.ofHours(24))), attempts));
        assertEquals(ErrorKind.RATE_LIMITED, e.kind());
        assertEquals(1, attempts.get());
    }

    @Test
    void opensAfterFiveFailuresInARowThenHalfOpensAndClosesAfterThreeGoodCalls() throws Exception {
        ResilienceSettings oneTry = new ResilienceSettings(1, Duration.ofMillis(1), Duration.ofMillis(10), 2, 0,
                50f, 10, 100, 5, Duration.ofMillis(200), 3, Duration.ofMillis(200), ResilienceSettings.SlowProvider.OFF);
        Guarded guard = guard(oneTry, Duration.ofSeconds(5));
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            failureOf(guard.call(n -> {
                calls.incrementAndGet();
                return failing(ErrorKind.UNAVAILABLE);
            }, new AtomicInteger()));
        }
        assertEquals("OPEN", guard.circuitState());
        VoiceException rejected = failureOf(guard.call(n -> {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture("ok");
        }, new AtomicInteger()));
        assertInstanceOf(CircuitOpenException.class, rejected);
        assertEquals(5, calls.get(), "an open circuit must not reach the provider");

        Thread.sleep(250);
        for (int i = 0; i < 3; i++) {
            assertEquals("ok", guard.call(n -> CompletableFuture.completedFuture("ok"), new AtomicInteger()).join());
            if (i < 2) {
                assertEquals("HALF_OPEN", guard.circuitState());
            }
        }
        assertEquals("CLOSED", guard.circuitState());
    }

    @Test
    void aFailedTrialCallReopensTheCircuit() throws Exception {
        ResilienceSettings oneTry = new ResilienceSettings(1, Duration.ofMillis(1), Duration.ofMillis(10), 2, 0,
                50f, 10, 100, 2, Duration.ofMillis(100), 3, Duration.ofMillis(100), ResilienceSettings.SlowProvider.OFF);
        Guarded guard = guard(oneTry, Duration.ofSeconds(5));
        failureOf(guard.call(n -> failing(ErrorKind.UNAVAILABLE), new AtomicInteger()));
        failureOf(guard.call(n -> failing(ErrorKind.UNAVAILABLE), new AtomicInteger()));
        assertEquals("OPEN", guard.circuitState());
        Thread.sleep(150);
        failureOf(guard.call(n -> failing(ErrorKind.UNAVAILABLE), new AtomicInteger()));
        assertEquals("OPEN", guard.circuitState());
    }

    @Test
    void opensOnFailureRateOverTheWindow() {
        ResilienceSettings oneTry = new ResilienceSettings(1, Duration.ofMillis(1), Duration.ofMillis(10), 2, 0,
                50f, 10, 100, 100, Duration.ofSeconds(60), 3, Duration.ofSeconds(60), ResilienceSettings.SlowProvider.OFF);
        Guarded guard = guard(oneTry, Duration.ofSeconds(5));
        for (int i = 0; i < 10; i++) {
            int n = i;
            guard.call(a -> n % 2 == 0 ? failing(ErrorKind.UNAVAILABLE) : CompletableFuture.completedFuture("ok"),
                    new AtomicInteger()).exceptionally(e -> "failed").join();
        }
        assertEquals("OPEN", guard.circuitState());
    }

    @Test
    void invalidRequestsDoNotCountAgainstTheProvider() {
        ResilienceSettings oneTry = new ResilienceSettings(1, Duration.ofMillis(1), Duration.ofMillis(10), 2, 0,
                50f, 10, 100, 5, Duration.ofSeconds(60), 3, Duration.ofSeconds(60), ResilienceSettings.SlowProvider.OFF);
        Guarded guard = guard(oneTry, Duration.ofSeconds(5));
        for (int i = 0; i < 20; i++) {
            failureOf(guard.call(n -> failing(ErrorKind.INVALID_REQUEST), new AtomicInteger()));
        }
        assertEquals("CLOSED", guard.circuitState());
        assertEquals(0, guard.statistics().consecutiveFailures());
    }

    @Test
    void cutsAHangingCallAtTheTimeoutAndCancelsIt() {
        ResilienceSettings oneTry = new ResilienceSettings(1, Duration.ofMillis(1), Duration.ofMillis(10), 2, 0,
                50f, 10, 100, 5, Duration.ofSeconds(60), 3, Duration.ofSeconds(60), ResilienceSettings.SlowProvider.OFF);
        Guarded guard = guard(oneTry, Duration.ofMillis(100));
        CompletableFuture<String> hanging = new CompletableFuture<>();
        VoiceException e = failureOf(guard.call(n -> hanging, new AtomicInteger()));
        assertEquals(ErrorKind.TIMEOUT, e.kind());
        assertTrue(hanging.isCancelled(), "the provider call must be cancelled at the timeout");
        assertTrue(guard.statistics().snapshot().lastError().startsWith("TIMEOUT: no answer within "),
                "our own message is kept: " + guard.statistics().snapshot().lastError());
    }

    @Test
    void aProvidersOwnMessageStaysOutOfTheRecordedReasonAndTheCircuitOpenError() {
        ResilienceSettings oneTry = new ResilienceSettings(1, Duration.ofMillis(1), Duration.ofMillis(10), 2, 0,
                50f, 10, 100, 5, Duration.ofSeconds(60), 3, Duration.ofSeconds(60), ResilienceSettings.SlowProvider.OFF);
        Guarded guard = guard(oneTry, Duration.ofSeconds(5));
        for (int i = 0; i < 5; i++) {
            failureOf(guard.call(n -> CompletableFuture.failedFuture(new VoiceException(ErrorKind.UNAVAILABLE,
                    "502 from http://internal-host.corp:8443/v1", null, "p", null, null)), new AtomicInteger()));
        }
        String reason = guard.statistics().snapshot().lastError();
        assertTrue(reason.startsWith("UNAVAILABLE: "), reason);
        assertFalse(reason.contains("internal-host"), reason);
        assertEquals("OPEN", guard.circuitState());
        VoiceException refused = failureOf(guard.call(n -> CompletableFuture.completedFuture("never"), new AtomicInteger()));
        assertFalse(refused.getMessage().contains("internal-host"), refused.getMessage());
    }

    @Test
    void anOpenCircuitIsTriedSoonAndEachFailedTrialDoublesTheWaitUpToTheLongest() {
        java.util.concurrent.atomic.AtomicLong millis = new java.util.concurrent.atomic.AtomicLong();
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return java.time.Instant.ofEpochMilli(millis.get());
            }
        };
        ResilienceSettings backingOff = new ResilienceSettings(1, Duration.ofMillis(1), Duration.ofMillis(10), 2, 0,
                50f, 100, 100, 1, Duration.ofSeconds(4), 1, Duration.ofSeconds(1), ResilienceSettings.SlowProvider.OFF);
        ProviderGuard guard = new ProviderGuard("p-stt", "p", backingOff, scheduler, new CallStatistics(100), clock);
        AtomicInteger calls = new AtomicInteger();
        java.util.function.IntFunction<java.util.concurrent.CompletionStage<String>> down = n -> {
            calls.incrementAndGet();
            return failing(ErrorKind.UNAVAILABLE);
        };
        long forever = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        failureOf(guard.call(down, forever, () -> { }));
        assertEquals("OPEN", guard.circuitState());
        // Waits before the next trial call: 1 s, then 2 s, then 4 s, then 4 s (the longest).
        for (long wait : new long[]{1000, 2000, 4000, 4000}) {
            millis.addAndGet(wait - 1);
            assertInstanceOf(CircuitOpenException.class, failureOf(guard.call(down, forever, () -> { })), "still waiting after " + (wait - 1) + " ms");
            millis.addAndGet(2);
            int before = calls.get();
            failureOf(guard.call(down, forever, () -> { }));
            assertEquals(before + 1, calls.get(), "a trial call after " + wait + " ms");
            assertEquals("OPEN", guard.circuitState(), "the failed trial opens it again");
        }
        millis.addAndGet(4001);
        assertEquals("ok", guard.call(n -> CompletableFuture.completedFuture("ok"), forever, () -> { }).join());
        assertEquals("CLOSED", guard.circuitState(), "one good trial call (half-open-calls = 1) closes it");
    }

    @Test
    void noRetryStartsThatCouldNotBeginBeforeTheDeadline() {
        ResilienceSettings slowBackoff = new ResilienceSettings(3, Duration.ofMillis(300), Duration.ofSeconds(1), 2, 0,
                50f, 10, 100, 5, Duration.ofSeconds(60), 3, Duration.ofSeconds(60), ResilienceSettings.SlowProvider.OFF);
        Guarded guard = guard(slowBackoff, Duration.ofMillis(200));
        AtomicInteger attempts = new AtomicInteger();
        long start = System.nanoTime();
        VoiceException e = failureOf(guard.call(n -> failing(ErrorKind.UNAVAILABLE), attempts));
        assertEquals(ErrorKind.UNAVAILABLE, e.kind(), "the provider's own failure, not a made-up timeout");
        assertEquals(1, attempts.get(), "a 300 ms backoff does not fit in a 200 ms share");
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(250), "it did not wait for the backoff");
    }

    @Test
    void aShareThatIsAlreadyOverCallsNothing() {
        ProviderGuard guard = new ProviderGuard("p-stt", "p", TestingSettings.resilience(), scheduler, new CallStatistics(100));
        AtomicInteger attempts = new AtomicInteger();
        VoiceException e = failureOf(guard.call(n -> CompletableFuture.completedFuture("ok"), System.nanoTime() - 1,
                attempts::incrementAndGet));
        assertEquals(ErrorKind.TIMEOUT, e.kind());
        assertEquals(0, attempts.get());
    }

    @Test
    void cancellingTheResultCancelsTheCallInFlight() {
        Guarded guard = guard(TestingSettings.resilience(), Duration.ofSeconds(30));
        CompletableFuture<String> hanging = new CompletableFuture<>();
        CompletableFuture<String> result = guard.call(n -> hanging, new AtomicInteger());
        result.cancel(true);
        assertTrue(hanging.isCancelled());
        assertThrows(CancellationException.class, result::join);
    }

    /** A long recording on an embedded engine that ran out of its time: not retried, not held against the provider. */
    @Test
    void timeoutsOfATimeSetByTheRequestsSizeNeitherRetryNorOpenTheCircuit() {
        ProviderGuard guard = new ProviderGuard("p-stt", "p", TestingSettings.resilience(), scheduler, new CallStatistics(100));
        for (int i = 0; i < 8; i++) {
            AtomicInteger attempts = new AtomicInteger();
            CompletableFuture<String> hanging = new CompletableFuture<>();
            VoiceException e = failureOf(guard.call(n -> hanging, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50),
                    attempts::incrementAndGet, true));
            assertEquals(ErrorKind.TIMEOUT, e.kind());
            assertEquals(1, attempts.get(), "a timeout of a sized request is not retried");
            assertTrue(hanging.isCancelled(), "the work stops at the timeout");
        }
        assertEquals("CLOSED", guard.circuitState());
        assertEquals(0, guard.statistics().consecutiveFailures());
        AtomicInteger calls = new AtomicInteger();
        assertEquals("ok", guard.call(n -> CompletableFuture.completedFuture("ok"), System.nanoTime() + TimeUnit.SECONDS.toNanos(5),
                calls::incrementAndGet, true).join());
    }
}
