package io.voiceplatform.core.orchestration;

import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.core.resilience.CircuitOpenException;
import io.voiceplatform.core.resilience.ProviderGuard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Tries capable providers one after the other until one succeeds. Moves on only after an error that
 * another provider may not have; when all fail, one error sums up what each said, with the kind that
 * fits the whole: unavailable when no circuit let a call through, timeout when all timed out, rate
 * limited when all asked us to wait, else provider error.
 */
final class FallbackChain<R> {
    private final String operation;
    private final List<Candidate> candidates;
    private final Function<String, ProviderGuard> guards;
    private final BiFunction<String, Integer, CompletionStage<R>> call;

    /**
     * @param call given a provider id and attempt number, makes one call of that provider
     */
    FallbackChain(String operation, List<Candidate> candidates, Function<String, ProviderGuard> guards,
                  BiFunction<String, Integer, CompletionStage<R>> call) {
        this.operation = operation;
        this.candidates = candidates;
        this.guards = guards;
        this.call = call;
    }

    CompletableFuture<Served<R>> run() {
        List<Candidate> capable = candidates.stream().filter(Candidate::isCapable).toList();
        if (capable.isEmpty()) {
            return CompletableFuture.failedFuture(noCapableProvider());
        }
        CompletableFuture<Served<R>> result = new CompletableFuture<>();
        AtomicReference<CompletableFuture<R>> inFlight = new AtomicReference<>();
        result.whenComplete((value, error) -> {
            CompletableFuture<R> current = inFlight.get();
            if (result.isCancelled() && current != null) {
                current.cancel(true);
            }
        });
        tryFrom(capable, 0, new AtomicInteger(), new ArrayList<>(), result, inFlight);
        return result;
    }

    private void tryFrom(List<Candidate> capable, int index, AtomicInteger attempts, List<Failure> failures,
                         CompletableFuture<Served<R>> result, AtomicReference<CompletableFuture<R>> inFlight) {
        if (result.isDone()) {
            return;
        }
        if (index >= capable.size()) {
            result.completeExceptionally(allFailed(failures));
            return;
        }
        String provider = capable.get(index).provider();
        CompletableFuture<R> attempt = guards.apply(provider).call(n -> call.apply(provider, n), attempts);
        inFlight.set(attempt);
        attempt.whenComplete((value, error) -> {
            if (error == null) {
                result.complete(new Served<>(value, provider, attempts.get()));
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
                result.completeExceptionally(failure);
                return;
            }
            failures.add(new Failure(provider, failure));
            tryFrom(capable, index + 1, attempts, failures, result, inFlight);
        });
    }

    private VoiceException noCapableProvider() {
        StringBuilder message = new StringBuilder("no " + operation + " provider can serve this request: ");
        String param = null;
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            message.append(i == 0 ? "" : "; ").append(c.provider()).append(": ").append(c.skipReason().orElse(""));
            param = param == null ? c.skipParam() : param;
        }
        if (candidates.isEmpty()) {
            return new VoiceException(ErrorKind.UNAVAILABLE, "no " + operation + " provider is configured");
        }
        return new VoiceException(ErrorKind.UNSUPPORTED, message.toString(), param, null, null, null);
    }

    private VoiceException allFailed(List<Failure> failures) {
        StringBuilder message = new StringBuilder("every " + operation + " provider failed: ");
        for (int i = 0; i < failures.size(); i++) {
            Failure f = failures.get(i);
            message.append(i == 0 ? "" : "; ").append(f.provider()).append(": ").append(f.error().getMessage());
        }
        ErrorKind kind = overallKind(failures);
        Duration retryAfter = failures.stream().map(f -> f.error().retryAfter()).flatMap(Optional::stream)
                .min(Duration::compareTo).orElse(null);
        return new VoiceException(kind, message.toString(), null, null,
                kind == ErrorKind.RATE_LIMITED ? retryAfter : null, failures.get(failures.size() - 1).error());
    }

    private static ErrorKind overallKind(List<Failure> failures) {
        if (failures.stream().allMatch(f -> f.error().kind() == ErrorKind.TIMEOUT)) {
            return ErrorKind.TIMEOUT;
        }
        if (failures.stream().allMatch(f -> f.error().kind() == ErrorKind.RATE_LIMITED)) {
            return ErrorKind.RATE_LIMITED;
        }
        if (failures.stream().allMatch(f -> f.error() instanceof CircuitOpenException)) {
            return ErrorKind.UNAVAILABLE;
        }
        return ErrorKind.PROVIDER_ERROR;
    }

    private record Failure(String provider, VoiceException error) {
    }
}
