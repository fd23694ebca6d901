package io.voiceplatform.core.pipeline;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Stage 5, coalesce: identical tasks in flight at the same time (same {@link Task#fingerprint()}) share one
 * provider call. The default shares nothing.
 */
public interface RequestCoalescer extends PipelineStage {
    /** Every task makes its own call. */
    RequestCoalescer NONE = new RequestCoalescer() {
        @Override
        public <R> Coalesced<R> coalesce(Task<R> task, Supplier<CompletableFuture<R>> call) {
            return new Coalesced<>(call.get(), Coalesced.Sharing.NONE);
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("active", false);
        }
    };

    /**
     * Runs {@code call} for the task, or joins the call of an identical task already running. Cancelling the
     * returned result gives up this caller's share; the call stops when every caller has given up.
     */
    <R> Coalesced<R> coalesce(Task<R> task, Supplier<CompletableFuture<R>> call);
}
