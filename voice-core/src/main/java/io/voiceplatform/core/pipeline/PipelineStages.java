package io.voiceplatform.core.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stages bound in this run, default or overridden: what the pipeline is made of, and what health reports
 * about it, each stage describing itself, so that the report cannot disagree with what runs.
 */
public record PipelineStages(Admission admission, ResultCache cache, RequestCoalescer coalescer, ProviderOrder order,
                             HedgePolicy hedging, SpeechStreaming streaming, RequestObserver observer) {

    /** Each stage by its name in health output, in the order a request meets them. */
    public Map<String, PipelineStage> byName() {
        Map<String, PipelineStage> stages = new LinkedHashMap<>();
        stages.put("admission", admission);
        stages.put("provider-order", order);
        stages.put("result-cache", cache);
        stages.put("coalescing", coalescer);
        stages.put("hedging", hedging);
        stages.put("speech-streaming", streaming);
        stages.put("monitoring", observer);
        return stages;
    }

    /** What each stage says of itself: {@code active}, then its own figures. */
    public Map<String, Map<String, Object>> describe() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        byName().forEach((name, stage) -> out.put(name, stage.describe()));
        return out;
    }
}
