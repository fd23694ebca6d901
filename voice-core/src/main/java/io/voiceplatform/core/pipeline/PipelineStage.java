package io.voiceplatform.core.pipeline;

import java.util.Map;

/** What every overridable stage of the pipeline has: a description of itself as it is bound, for health. */
public interface PipelineStage {
    /** {@code active} (whether it does anything), then its own settings and figures. */
    Map<String, Object> describe();
}
