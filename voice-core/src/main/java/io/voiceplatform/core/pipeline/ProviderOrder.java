package io.voiceplatform.core.pipeline;

import io.voiceplatform.api.Operation;

import java.util.List;
import java.util.Map;

/**
 * Part of stage 3, route: the order in which the capable providers are tried. The default keeps the configured
 * order; the performance module orders by what it observed.
 */
public interface ProviderOrder extends PipelineStage {
    /** The configured order, as it is. */
    ProviderOrder CONFIGURED = new ProviderOrder() {
        @Override
        public List<String> order(Operation operation, List<String> providers, boolean pinned) {
            return providers;
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("active", false);
        }
    };

    /**
     * @param providers the provider ids in configured order
     * @param pinned    whether the first was asked for by the caller; it then stays first
     * @return the same ids, possibly reordered
     */
    List<String> order(Operation operation, List<String> providers, boolean pinned);

    /** Told of every provider call as it ends (not when it was cancelled): whether it succeeded and how long it took. */
    default void record(Operation operation, String provider, boolean succeeded, long nanos) {
    }

}
