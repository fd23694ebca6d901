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

    private ProviderGuard guard(ResilienceSettings settings, Duration timeout) {
        return new ProviderGuard("p-stt", "p", settings, timeout, scheduler, new CallStatistics(100));
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
        ProviderGuard guard = guard(TestingSettings.resilience(), Duration.ofSeconds(5));
        AtomicInteger attempts = new AtomicInteger();
        String result = guard.call(n -> n < 3 ? failing(ErrorKind.UNAVAILABLE) : CompletableFuture.completedFuture("ok"), attempts).join();
        assertEquals("ok", result);
        assertEquals(3, attempts.get());
    }

    @Test
    void givesUpAfterMaxAttempts() {
        ProviderGuard guard = guard(TestingSettings.resilience(), Duration.ofSeconds(5));
        AtomicInteger attempts = new AtomicInteger();
        VoiceException e = failureOf(guard.call(n -> failing(ErrorKind.UNAVAILABLE), attempts));
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertEquals(3, attempts.get());
    }

    @Test
    void doesNotRetryWhatARetryCannotFix() {
        ProviderGuard guard = guard(TestingSettings.resilience(), Duration.ofSeconds(5));
        for (ErrorKind kind : new ErrorKind[]{ErrorKind.AUTHENTICATION, ErrorKind.INVALID_REQUEST, ErrorKind.UNSUPPORTED, ErrorKind.PROVIDER_ERROR}) {
            AtomicInteger attempts = new AtomicInteger();
            assertEquals(kind, failureOf(guard.call(n -> failing(kind), attempts)).kind());
            assertEquals(1, attempts.get(), kind.name());
        }
    }

    @Test
    void waitsAsLongAsRetryAfterSays() {
        ProviderGuard guard = guard(TestingSettings.resilience(), Duration.ofSeconds(5));
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
        ProviderGuard guard = guard(TestingSettings.resilience(), Duration.ofSeconds(5));
        AtomicInteger attempts = new AtomicInteger();
        VoiceException e = failureOf(guard.call(n -> CompletableFuture.failedFuture(
                VoiceException.rateLimited("p", "come back tomorrow", Duration.ofHours(24))), attempts));
        assertEquals(ErrorKind.RATE_LIMITED, e.kind());
        assertEquals(1, attempts.get());
    }

    @Test
    void opensAfterFiveFailuresInARowThenHalfOpensAndClosesAfterThreeGoodCalls() throws Exception {
        ResilienceSettings oneTry = new ResilienceSettings(1, Duration.ofMillis(1), Duration.ofMillis(10), 2, 0,
                50f, 10, 100, 5, Duration.ofMillis(200), 3);
        ProviderGuard guard = guard(oneTry, Duration.ofSeconds(5));
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
                50f, 10, 100, 2, Duration.ofMillis(100), 3);
        ProviderGuard guard = guard(oneTry, Duration.ofSeconds(5));
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
                50f, 10, 100, 100, Duration.ofSeconds(60), 3);
        ProviderGuard guard = guard(oneTry, Duration.ofSeconds(5));
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
                50f, 10, 100, 5, Duration.ofSeconds(60), 3);
        ProviderGuard guard = guard(oneTry, Duration.ofSeconds(5));
        for (int i = 0; i < 20; i++) {
            failureOf(guard.call(n -> failing(ErrorKind.INVALID_REQUEST), new AtomicInteger()));
        }
        assertEquals("CLOSED", guard.circuitState());
        assertEquals(0, guard.statistics().consecutiveFailures());
    }

    @Test
    void cutsAHangingCallAtTheTimeoutAndCancelsIt() {
        ResilienceSettings oneTry = new ResilienceSettings(1, Duration.ofMillis(1), Duration.ofMillis(10), 2, 0,
                50f, 10, 100, 5, Duration.ofSeconds(60), 3);
        ProviderGuard guard = guard(oneTry, Duration.ofMillis(100));
        CompletableFuture<String> hanging = new CompletableFuture<>();
        VoiceException e = failureOf(guard.call(n -> hanging, new AtomicInteger()));
        assertEquals(ErrorKind.TIMEOUT, e.kind());
        assertTrue(hanging.isCancelled(), "the provider call must be cancelled at the timeout");
    }

    @Test
    void cancellingTheResultCancelsTheCallInFlight() {
        ProviderGuard guard = guard(TestingSettings.resilience(), Duration.ofSeconds(30));
        CompletableFuture<String> hanging = new CompletableFuture<>();
        CompletableFuture<String> result = guard.call(n -> hanging, new AtomicInteger());
        result.cancel(true);
        assertTrue(hanging.isCancelled());
        assertThrows(CancellationException.class, result::join);
    }
}
