package io.voiceplatform.core.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.core.config.ResilienceSettings;
import io.voiceplatform.core.health.CallStatistics;
import io.voiceplatform.core.health.FailureReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutionException;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Calls one provider for one operation within a deadline the caller sets (its share of the request's time):
 * each attempt may take what is left of it, retries follow exponential backoff with jitter that honours
 * Retry-After, and none starts that could not begin before the deadline; a circuit breaker keeps a failing
 * provider from being called at all. Cancelling the returned future cancels the attempt in flight and stops
 * further retries.
 */
public final class ProviderGuard {
    private static final Logger log = LoggerFactory.getLogger(ProviderGuard.class);
    private final String provider;
    private final Duration maxBackoff;
    private final int openAfterConsecutiveFailures;
    private final ScheduledExecutorService scheduler;
    private final CallStatistics statistics;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;

    public ProviderGuard(String name, String provider, ResilienceSettings settings,
                         ScheduledExecutorService scheduler, CallStatistics statistics) {
        this(name, provider, settings, scheduler, statistics, Clock.systemUTC());
    }

    /** @param clock the circuit's clock, which decides when an open circuit lets trial calls through */
    ProviderGuard(String name, String provider, ResilienceSettings settings,
                  ScheduledExecutorService scheduler, CallStatistics statistics, Clock clock) {
        this.provider = provider;
        this.maxBackoff = settings.maxBackoff();
        this.openAfterConsecutiveFailures = settings.consecutiveFailures();
        this.scheduler = scheduler;
        this.statistics = statistics;
        this.circuitBreaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                // A circuit that has just opened soon lets trial calls through; each failed trial doubles the wait.
                .waitIntervalFunctionInOpenState(IntervalFunction.ofExponentialBackoff(settings.firstOpenDuration(), 2.0,
                        settings.openDuration()))
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .recordException(ProviderGuard::countsAgainstProvider)
                .clock(clock)
                .build());
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(),
                settings.backoffMultiplier(), settings.jitter(), settings.maxBackoff());
        this.retry = Retry.of(name, RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalBiFunction((attempt, outcome) -> (outcome.isLeft()
                        ? asVoice(outcome.getLeft()).retryAfter() : Optional.<Duration>empty())
                        .map(Duration::toMillis)
                        .orElseGet(() -> backoff.apply(attempt)))
                .retryOnException(this::worthRetrying)
                .build());
    }

    /** {@link #call(IntFunction, long, Runnable, boolean)} for a call whose time does not depend on its size. */
    public <T> CompletableFuture<T> call(IntFunction<CompletionStage<T>> attempt, long deadlineNanos, Runnable onAttempt) {
        return call(attempt, deadlineNanos, onAttempt, false);
    }

    /**
     * Runs {@code attempt} (given the attempt number, from 1) until it succeeds, fails for good, the circuit
     * refuses or the deadline leaves no time for another try.
     *
     * @param deadlineNanos on the {@link System#nanoTime()} clock
     * @param onAttempt     told of each call actually made
     * @param sizedTime     the deadline was set by the size of the request (a long recording on an embedded engine):
     *                      running out of it says nothing about the provider's health, so such a timeout is neither
     *                      retried nor counted against the circuit or the provider's statistics
     */
    public <T> CompletableFuture<T> call(IntFunction<CompletionStage<T>> attempt, long deadlineNanos, Runnable onAttempt,
                                         boolean sizedTime) {
        CompletableFuture<T> result = new CompletableFuture<>();
        AtomicReference<CompletableFuture<T>> inFlight = new AtomicReference<>();
        result.whenComplete((value, error) -> {
            CompletableFuture<T> current = inFlight.get();
            if (result.isCancelled() && current != null) {
                current.cancel(true);
            }
        });
        run(attempt, new Attempts(deadlineNanos, onAttempt, sizedTime), 1, retry.asyncContext(), result, inFlight);
        return result;
    }

    public CallStatistics statistics() {
        return statistics;
    }

    public String circuitState() {
        return circuitBreaker.getState().name();
    }

    private <T> void run(IntFunction<CompletionStage<T>> attempt, Attempts attempts, int number,
                         Retry.AsyncContext<T> context, CompletableFuture<T> result,
                         AtomicReference<CompletableFuture<T>> inFlight) {
        if (result.isDone()) {
            return;
        }
        long start = System.nanoTime();
        long timeoutNanos = attempts.deadlineNanos() - start;
        if (timeoutNanos <= 0) {
            result.completeExceptionally(new VoiceException(ErrorKind.TIMEOUT, "not called: the request's time was up",
                    null, provider, null, null));
            return;
        }
        if (!circuitBreaker.tryAcquirePermission()) {
            result.completeExceptionally(new CircuitOpenException(provider, statistics.snapshot().lastError()));
            return;
        }
        attempts.onAttempt().run();
        CompletableFuture<T> call;
        try {
            call = attempt.apply(number).toCompletableFuture();
        } catch (RuntimeException | Error e) {
            call = CompletableFuture.failedFuture(e);
        }
        inFlight.set(call);
        CompletableFuture<T> limited = withTimeout(call, timeoutNanos);
        limited.whenComplete((value, error) -> {
            long nanos = System.nanoTime() - start;
            if (error == null) {
                circuitBreaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
                statistics.recordSuccess(nanos);
                context.onComplete();
                result.complete(value);
                return;
            }
            Throwable cause = unwrap(error);
            // An Error (out of memory) is the JVM's state, not the provider's: not retried, not held against it.
            if (cause instanceof CancellationException || cause instanceof Error || result.isCancelled()) {
                circuitBreaker.releasePermission();
                result.completeExceptionally(cause);
                return;
            }
            boolean cutByUs = cause instanceof TimeoutException;
            VoiceException failure = cutByUs
                    ? new VoiceException(ErrorKind.TIMEOUT, "no answer within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms",
                            null, provider, null, null)
                    : asVoice(cause);
            if (attempts.sizedTime() && failure.kind() == ErrorKind.TIMEOUT) {
                circuitBreaker.releasePermission();
                result.completeExceptionally(failure);
                return;
            }
            circuitBreaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
            if (countsAgainstProvider(failure)) {
                statistics.recordFailure(nanos, cutByUs ? FailureReason.ours(failure) : FailureReason.providers(failure));
                if (!cutByUs) {
                    log.info("provider {} failed ({}): {}", provider, failure.kind(), failure.getMessage());
                }
                openWhenFailingInARow();
            }
            long delay = context.onError(failure);
            if (delay < 0 || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) >= attempts.deadlineNanos()) {
                result.completeExceptionally(failure);
            } else {
                scheduler.schedule(() -> run(attempt, attempts, number + 1, context, result, inFlight),
                        delay, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Resilience4j opens on a failure rate; the platform also opens after N failures in a row. */
    private void openWhenFailingInARow() {
        CircuitBreaker.State state = circuitBreaker.getState();
        if (state == CircuitBreaker.State.HALF_OPEN
                || (state == CircuitBreaker.State.CLOSED && statistics.consecutiveFailures() >= openAfterConsecutiveFailures)) {
            circuitBreaker.transitionToOpenState();
        }
    }

    /**
     * The call, cut at the attempt timeout. The provider call is cancelled before the timeout is reported, so
     * no caller hears of the timeout while the call still runs.
     */
    private <T> CompletableFuture<T> withTimeout(CompletableFuture<T> call, long timeoutNanos) {
        if (call.isDone()) {
            return call;
        }
        CompletableFuture<T> limited = new CompletableFuture<>();
        AtomicBoolean timedOut = new AtomicBoolean();
        var timer = scheduler.schedule(() -> {
            if (!call.isDone() && timedOut.compareAndSet(false, true)) {
                call.cancel(true);
            }
        }, timeoutNanos, TimeUnit.NANOSECONDS);
        call.whenComplete((value, error) -> {
            timer.cancel(false);
            if (timedOut.get()) {
                limited.completeExceptionally(new TimeoutException());
            } else if (error == null) {
                limited.complete(value);
            } else {
                limited.completeExceptionally(error);
            }
        });
        return limited;
    }

    private boolean worthRetrying(Throwable error) {
        VoiceException failure = asVoice(error);
        // A provider that asks for a longer pause than we would ever wait is better skipped for the next one.
        return failure.retryable()
                && failure.retryAfter().map(wait -> wait.compareTo(maxBackoff) <= 0).orElse(true);
    }

    /** When this provider's share of the request ends, whom to tell of each call, whether the size set that share. */
    private record Attempts(long deadlineNanos, Runnable onAttempt, boolean sizedTime) {
    }

    private static boolean countsAgainstProvider(Throwable error) {
        ErrorKind kind = asVoice(error).kind();
        return kind != ErrorKind.INVALID_REQUEST && kind != ErrorKind.UNSUPPORTED;
    }

    static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static VoiceException asVoice(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof VoiceException voice) {
            return voice;
        }
        if (cause instanceof TimeoutException) {
            return new VoiceException(ErrorKind.TIMEOUT, "no answer in time", null, null, null, cause);
        }
        return new VoiceException(ErrorKind.PROVIDER_ERROR, "provider failed: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), null, null, null, cause);
    }
}
