package io.voiceplatform.core.pipeline;

import io.voiceplatform.api.Operation;

import java.util.Map;

/**
 * Told of every request the pipeline finishes (not of those the caller cancelled), for monitoring against
 * targets. The default does nothing; the performance module's monitor rates the service from it.
 */
public interface RequestObserver extends PipelineStage {
    /** Observes nothing. */
    RequestObserver NONE = new RequestObserver() {
        @Override
        public void finished(Operation operation, long nanos, boolean failed) {
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("active", false);
        }
    };

    /** One whole request: how long it took and whether it failed. */
    void finished(Operation operation, long nanos, boolean failed);
}
