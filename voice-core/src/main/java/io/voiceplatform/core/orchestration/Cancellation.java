package io.voiceplatform.core.orchestration;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A future derived with {@code thenApply} does not pass cancellation back to its source; the caller's
 * cancellation must reach the provider call, so derived futures are linked back explicitly.
 */
final class Cancellation {
    private Cancellation() {
    }

    /** Returns {@code derived}, arranged so that cancelling it cancels {@code source}. */
    static <T, U> CompletableFuture<U> propagate(CompletionStage<T> source, CompletableFuture<U> derived) {
        derived.whenComplete((value, error) -> {
            if (derived.isCancelled()) {
                source.toCompletableFuture().cancel(true);
            }
        });
        return derived;
    }
}
