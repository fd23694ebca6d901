package io.voiceplatform.core.pipeline;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Stage 4, result cache: results kept for identical later tasks (same {@link Task#fingerprint()}). The default
 * keeps nothing; the performance module binds caches in memory and, optionally, in Redis.
 */
public interface ResultCache extends PipelineStage {
    /** Keeps nothing: every lookup is a bypass. */
    ResultCache NONE = new ResultCache() {
        @Override
        public <R> CompletionStage<CacheLookup<R>> find(Task<R> task) {
            return CompletableFuture.completedFuture(CacheLookup.bypass());
        }

        @Override
        public <R> void store(Task<R> task, R result) {
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("active", false);
        }
    };

    /** A hit, a miss, or bypass when this cache keeps no results of the task's kind. Never fails. */
    <R> CompletionStage<CacheLookup<R>> find(Task<R> task);

    /** Keeps a provider's result of a task whose lookup missed; may decline (too large, not reusable). */
    <R> void store(Task<R> task, R result);
}
