package io.voiceplatform.core.pipeline;

import io.voiceplatform.api.Operation;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Part of stage 6, the provider chain: when a provider that has not answered yet gets company. After the delay,
 * the next capable provider starts too; the first success wins and the other calls are cancelled. The default
 * never hedges.
 */
public interface HedgePolicy extends PipelineStage {
    /** One provider at a time. */
    HedgePolicy NEVER = new HedgePolicy() {
        @Override
        public Optional<Duration> delay(Operation operation, String provider) {
            return Optional.empty();
        }

        @Override
        public int maxParallel(Operation operation) {
            return 1;
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("active", false);
        }
    };

    /** How long to wait for {@code provider} before also starting the next one; empty never hedges. */
    Optional<Duration> delay(Operation operation, String provider);

    /** The most providers working on one request at once. */
    int maxParallel(Operation operation);

    /** Told once a hedged request ends: the provider started as a hedge, and whether it won. */
    default void finished(Operation operation, String hedgeProvider, boolean won) {
    }

}
