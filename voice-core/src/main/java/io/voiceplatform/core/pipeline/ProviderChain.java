package io.voiceplatform.core.pipeline;

import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.Operation;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.core.registry.ProviderRegistry;
import io.voiceplatform.core.config.ResilienceSettings;
import io.voiceplatform.core.resilience.CircuitOpenException;
import io.voiceplatform.core.resilience.ProviderGuard;
import io.voiceplatform.core.resilience.ProviderGuards;

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

/**
 * Stages 6 and 7, the provider chain and the provider call: tries the capable providers one after the other
 * until one succeeds, moving on only after an error that another provider may not have. Each provider, behind
 * its guard (retries, circuit breaker), gets a share of the time left to the request's deadline: an equal
 * share with the providers after it, so a hung first provider leaves the fallback time to answer. When the
 * provider that has answered before but now takes several times its usual time is given up early for the next
 * ({@link ResilienceSettings.SlowProvider}). When the {@link HedgePolicy} sets a delay, a provider that has not answered in time gets company: the next provider
 * starts too, the first success wins and the rest are cancelled. When all fail, one error sums up what each
 * said, with the kind that fits the whole: unavailable when no circuit let a call through, timeout when all
 * timed out, rate limited when all asked us to wait, else provider error.
 */
final class ProviderChain {
    private final ProviderRegistry registry;
    private final ProviderGuards guards;
    private final HedgePolicy hedging;
    private final ProviderOrder order;
    private final ProviderMetrics metrics;
    private final ScheduledExecutorService scheduler;
    private final ResilienceSettings.SlowProvider slowProvider;

    ProviderChain(ProviderRegistry registry, ProviderGuards guards, HedgePolicy hedging, ProviderOrder order,
                  ProviderMetrics metrics, ScheduledExecutorService scheduler, ResilienceSettings.SlowProvider slowProvider) {
        this.slowProvider = slowProvider;
        this.registry = registry;
        this.guards = guards;
        this.hedging = hedging;
        this.order = order;
        this.metrics = metrics;
        this.scheduler = scheduler;
    }

    /** Serves the task from the first capable candidate that succeeds. Cancelling the result cancels every call. */
    <R> CompletableFuture<R> run(Task<R> task, List<Candidate> candidates, RequestContext context) {
        List<String> capable = candidates.stream().filter(Candidate::isCapable).map(Candidate::provider).toList();
        if (capable.isEmpty()) {
            task.release();
            return CompletableFuture.failedFuture(noCapableProvider(task.operation(), candidates));
        }
        return new Run<>(task, capable, context).start();
    }

    /** The most time any capable candidate needs beyond the usual for this task (its size times its real-time factor). */
    Duration timeNeeded(Task<?> task, List<Candidate> candidates) {
        return candidates.stream().filter(Candidate::isCapable).map(c -> task.timeNeeded(c.provider(), registry))
                .max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** One provider call, measured for the metrics and the provider order. */
    private <R> CompletionStage<R> call(Task<R> task, String provider) {
        Operation operation = task.operation();
        long start = System.nanoTime();
        CompletionStage<R> call = task.call(provider, registry);
        call.whenComplete((value, error) -> {
            long nanos = System.nanoTime() - start;
            metrics.call(operation, provider, nanos, error);
            if (!(unwrap(error) instanceof CancellationException)) {
                order.record(operation, provider, error == null, nanos);
            }
        });
        return call;
    }

    /** The chain of one task: which providers run, which failed, who won. Guarded by its own lock. */
    private final class Run<R> {
        private final Task<R> task;
        private final Operation operation;
        private final List<String> capable;
        private final RequestContext context;
        private final CompletableFuture<R> result = new CompletableFuture<>();
        private final Map<String, CompletableFuture<R>> running = new LinkedHashMap<>();
        private final List<Failure> failures = new ArrayList<>();
        private final List<String> hedges = new ArrayList<>();
        private int next;
        /** Set once the outcome is decided, so that cancelling the losers is not taken for the caller's cancellation. */
        private boolean settled;

        Run(Task<R> task, List<String> capable, RequestContext context) {
            this.task = task;
            this.operation = task.operation();
            this.capable = capable;
            this.context = context;
        }

        CompletableFuture<R> start() {
            result.whenComplete((value, error) -> {
                cancelRunning();
                task.release();
            });
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
            int after = capable.size() - next;
            ProviderGuard guard = guards.get(operation, provider);
            // An equal share of the usual time with the providers after this one (capped for a provider slow for
            // itself when one waits after it), plus what this request's size needs of it.
            long remaining = Math.max(0, context.deadlineNanos() - System.nanoTime());
            long needed = task.timeNeeded(provider, registry).toNanos();
            long share = Math.max(0, remaining - context.extension().toNanos()) / (after + 1);
            if (after > 0) {
                share = Math.min(share, slowAfterNanos(guard));
            }
            share = Math.min(remaining, share + needed);
            CompletableFuture<R> attempt = guard.call(n -> call(task, provider), System.nanoTime() + share,
                    context.decisions()::attempted, needed > 0);
            running.put(provider, attempt);
            scheduleHedge(provider);
            attempt.whenComplete((value, error) -> finished(provider, value, error));
        }

        /** How long a provider may take before it is given up as slow for itself, when a next provider waits. */
        private long slowAfterNanos(ProviderGuard guard) {
            if (!slowProvider.enabled()) {
                return Long.MAX_VALUE;
            }
            return guard.statistics().successP95Nanos(slowProvider.minSamples())
                    .stream().map(p95 -> Math.max(slowProvider.minWait().toNanos(), (long) (p95 * slowProvider.p95Multiple())))
                    .findFirst().orElse(Long.MAX_VALUE);
        }

        private void scheduleHedge(String provider) {
            if (hedging.maxParallel(operation) < 2 || next >= capable.size()) {
                return;
            }
            hedging.delay(operation, provider).ifPresent(delay -> scheduler.schedule(() -> {
                synchronized (this) {
                    if (!result.isDone() && running.containsKey(provider)
                            && running.size() < hedging.maxParallel(operation) && next < capable.size()) {
                        String hedge = capable.get(next);
                        hedges.add(hedge);
                        context.decisions().hedged(hedge);
                        startNext();
                    }
                }
            }, delay.toNanos(), TimeUnit.NANOSECONDS));
        }

        private void finished(String provider, R value, Throwable error) {
            synchronized (this) {
                running.remove(provider);
                if (settled || result.isDone()) {
                    if (error == null) {
                        task.discard(value);
                    }
                    return;
                }
                if (error == null) {
                    settled = true;
                    reportHedges(provider);
                    context.decisions().servedBy(provider);
                    // The losers are cancelled before anyone hears of the winner.
                    List.copyOf(running.values()).forEach(loser -> loser.cancel(true));
                    result.complete(value);
                    return;
                }
                Throwable cause = unwrap(error);
                if (cause instanceof CancellationException) {
                    result.cancel(true);
                    return;
                }
                if (cause instanceof Error) {
                    // Out of memory is the service's state, not the provider's: the next provider would only ask for
                    // more, so the request ends here (a 500) and the others running for it are cancelled.
                    reportHedges(null);
                    List.copyOf(running.values()).forEach(other -> other.cancel(true));
                    result.completeExceptionally(cause);
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
            hedges.forEach(hedge -> hedging.finished(operation, hedge, hedge.equals(winner)));
        }

        private void cancelRunning() {
            List<CompletableFuture<R>> toCancel;
            synchronized (this) {
                toCancel = List.copyOf(running.values());
            }
            toCancel.forEach(f -> f.cancel(true));
        }

        private VoiceException allFailed() {
            StringBuilder message = new StringBuilder("every " + operation.name() + " provider failed: ");
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
    }

    private static VoiceException noCapableProvider(Operation operation, List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return new VoiceException(ErrorKind.UNAVAILABLE, "no " + operation.name() + " provider is configured");
        }
        StringBuilder message = new StringBuilder("no " + operation.name() + " provider can serve this request: ");
        String param = null;
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            message.append(i == 0 ? "" : "; ").append(c.provider()).append(": ").append(c.skipReason().orElse(""));
            param = param == null ? c.skipParam() : param;
        }
        return new VoiceException(ErrorKind.UNSUPPORTED, message.toString(), param, null, null, null);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private record Failure(String provider, VoiceException error) {
    }
}
