package io.voiceplatform.core.orchestration;

import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.performance.Operation;
import io.voiceplatform.api.performance.PerformanceExtension;
import io.voiceplatform.core.resilience.CircuitOpenException;
import io.voiceplatform.core.resilience.ProviderGuard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Tries capable providers one after the other until one succeeds, moving on only after an error that
 * another provider may not have. When the performance extension sets a hedge delay, a provider that has
 * not answered in time gets company: the next provider starts too, the first success wins and the rest
 * are cancelled. When all fail, one error sums up what each said, with the kind that fits the whole:
 * unavailable when no circuit let a call through, timeout when all timed out, rate limited when all asked
 * us to wait, else provider error.
 */
final class FallbackChain<R> {
    private final Operation operation;
    private final List<Candidate> candidates;
    private final List<String> capable;
    private final Function<String, ProviderGuard> guards;
    private final BiFunction<String, Integer, CompletionStage<R>> call;
    private final PerformanceExtension extension;
    private final ScheduledExecutorService scheduler;
    private final ProviderMetrics metrics;
    private final Consumer<R> unused;

    private final CompletableFuture<Served<R>> result = new CompletableFuture<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final Map<String, CompletableFuture<R>> running = new LinkedHashMap<>();
    private final List<Failure> failures = new ArrayList<>();
    private final List<String> hedges = new ArrayList<>();
    private int next;
    /** Set once the outcome is decided, so that cancelling the losers is not taken for the caller's cancellation. */
    private boolean settled;

    /**
     * @param call   given a provider id and attempt number, makes one call of that provider
     * @param unused releases a result that came too late to be used (a hedge that lost by a hair), such as an
     *               open audio stream
     */
    FallbackChain(Operation operation, List<Candidate> candidates, Function<String, ProviderGuard> guards,
                  BiFunction<String, Integer, CompletionStage<R>> call, PerformanceExtension extension,
                  ScheduledExecutorService scheduler, ProviderMetrics metrics, Consumer<R> unused) {
        this.metrics = metrics;
        this.unused = unused;
        this.operation = operation;
        this.candidates = candidates;
        this.capable = candidates.stream().filter(Candidate::isCapable).map(Candidate::provider).toList();
        this.guards = guards;
        this.call = call;
        this.extension = extension;
        this.scheduler = scheduler;
    }

    CompletableFuture<Served<R>> run() {
        if (capable.isEmpty()) {
            return CompletableFuture.failedFuture(noCapableProvider());
        }
        result.whenComplete((value, error) -> cancelRunning());
        synchronized (this) {
            startNext();
        }
        return result;
    }

    /** Called with the lock held. */
    private void startNext() {
        if (result.isDone()) {
            return;
        }
        if (next >= capable.size()) {
            if (running.isEmpty()) {
                result.completeExceptionally(allFailed());
            }
            return;
        }
        String provider = capable.get(next++);
        CompletableFuture<R> attempt = guards.apply(provider).call(n -> call.apply(provider, n), attempts);
        running.put(provider, attempt);
        scheduleHedge(provider);
        attempt.whenComplete((value, error) -> finished(provider, value, error));
    }

    private void scheduleHedge(String provider) {
        if (extension.maxParallelProviders(operation) < 2 || next >= capable.size()) {
            return;
        }
        extension.hedgeDelay(operation, provider).ifPresent(delay -> scheduler.schedule(() -> {
            synchronized (this) {
                if (!result.isDone() && running.containsKey(provider)
                        && running.size() < extension.maxParallelProviders(operation) && next < capable.size()) {
                    hedges.add(capable.get(next));
                    startNext();
                }
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void finished(String provider, R value, Throwable error) {
        synchronized (this) {
            running.remove(provider);
            if (settled || result.isDone()) {
                if (error == null) {
                    unused.accept(value);
                }
                return;
            }
            if (error == null) {
                settled = true;
                reportHedges(provider);
                // The losers are cancelled before anyone hears of the winner.
                List.copyOf(running.values()).forEach(loser -> loser.cancel(true));
                result.complete(new Served<>(value, provider, attempts.get(), CacheStatus.BYPASS));
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof CancellationException) {
                result.cancel(true);
                return;
            }
            VoiceException failure = cause instanceof VoiceException v ? v
                    : VoiceException.of(ErrorKind.PROVIDER_ERROR, provider, String.valueOf(cause.getMessage()), cause);
            if (!failure.fallbackAllowed()) {
                reportHedges(null);
                result.completeExceptionally(failure);
                return;
            }
            failures.add(new Failure(provider, failure));
            if (running.isEmpty() && next < capable.size()) {
                metrics.fallback(operation);
            }
            if (running.isEmpty()) {
                startNext();
                if (result.isDone() && !hedges.isEmpty()) {
                    reportHedges(null);
                }
            }
        }
    }

    private void reportHedges(String winner) {
        hedges.forEach(hedge -> extension.hedgeFinished(operation, hedge, hedge.equals(winner)));
    }

    private void cancelRunning() {
        List<CompletableFuture<R>> toCancel;
        synchronized (this) {
            toCancel = List.copyOf(running.values());
        }
        toCancel.forEach(f -> f.cancel(true));
    }

    private VoiceException noCapableProvider() {
        if (candidates.isEmpty()) {
            return new VoiceException(ErrorKind.UNAVAILABLE, "no " + name() + " provider is configured");
        }
        StringBuilder message = new StringBuilder("no " + name() + " provider can serve this request: ");
        String param = null;
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            message.append(i == 0 ? "" : "; ").append(c.provider()).append(": ").append(c.skipReason().orElse(""));
            param = param == null ? c.skipParam() : param;
        }
        return new VoiceException(ErrorKind.UNSUPPORTED, message.toString(), param, null, null, null);
    }

    private VoiceException allFailed() {
        StringBuilder message = new StringBuilder("every " + name() + " provider failed: ");
        for (int i = 0; i < failures.size(); i++) {
            Failure f = failures.get(i);
            message.append(i == 0 ? "" : "; ").append(f.provider()).append(": ").append(f.error().getMessage());
        }
        ErrorKind kind = overallKind();
        Duration retryAfter = failures.stream().map(f -> f.error().retryAfter()).flatMap(Optional::stream)
                .min(Duration::compareTo).orElse(null);
        return new VoiceException(kind, message.toString(), null, null,
                kind == ErrorKind.RATE_LIMITED ? retryAfter : null, failures.get(failures.size() - 1).error());
    }

    private ErrorKind overallKind() {
        if (failures.stream().allMatch(f -> f.error() instanceof CircuitOpenException)) {
            return ErrorKind.UNAVAILABLE;
        }
        if (failures.stream().allMatch(f -> f.error().kind() == ErrorKind.TIMEOUT)) {
            return ErrorKind.TIMEOUT;
        }
        if (failures.stream().allMatch(f -> f.error().kind() == ErrorKind.RATE_LIMITED)) {
            return ErrorKind.RATE_LIMITED;
        }
        return ErrorKind.PROVIDER_ERROR;
    }

    private String name() {
        return operation.name();
    }

    private record Failure(String provider, VoiceException error) {
    }
}
