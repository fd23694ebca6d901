package io.voiceplatform.core.pipeline;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A future computed from another's result that passes a cancellation back to its source: one derived with
 * {@code thenApply} does not, and the caller's cancellation must reach the provider call.
 */
final class DerivedFuture {
    private DerivedFuture() {
    }

    /** {@code step} applied to the source's result; a failure of either fails it; cancelling it cancels the source. */
    static <T, U> CompletableFuture<U> of(CompletionStage<T> source, Function<? super T, ? extends U> step) {
        CompletableFuture<T> upstream = source.toCompletableFuture();
        CompletableFuture<U> derived = new CompletableFuture<>();
        upstream.whenComplete((value, error) -> {
            if (error != null) {
                derived.completeExceptionally(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
                return;
            }
            try {
                derived.complete(step.apply(value));
            } catch (RuntimeException | Error e) {
                // Thrown out of whenComplete it would be lost, and the derived future never complete.
                derived.completeExceptionally(e);
            }
        });
        derived.whenComplete((value, error) -> {
            if (derived.isCancelled()) {
                upstream.cancel(true);
            }
        });
        return derived;
    }
}
