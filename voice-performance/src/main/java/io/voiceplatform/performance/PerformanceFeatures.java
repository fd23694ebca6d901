package io.voiceplatform.performance;

import io.voiceplatform.api.performance.PerformanceExtension;
import io.voiceplatform.performance.config.PerformanceSettings;
import jakarta.inject.Inject;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The performance extension the orchestrator calls when this module is installed. For now it passes every
 * call through and reports which features its settings switch on; the features themselves come next.
 */
public final class PerformanceFeatures implements PerformanceExtension {
    private final PerformanceSettings settings;

    @Inject
    public PerformanceFeatures(PerformanceSettings settings) {
        this.settings = settings;
    }

    /** {@code enabled}, {@code level}, and {@code components}: each feature with whether its settings switch it on. */
    @Override
    public Map<String, Object> describe() {
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("stt-cache", settings.sttCache().enabled());
        components.put("tts-cache", settings.ttsCache().enabled());
        components.put("tts-compression", settings.ttsCompression());
        components.put("tts-streaming", settings.ttsStreaming().enabled());
        components.put("stt-hedging", settings.sttHedging().enabled());
        components.put("tts-hedging", settings.ttsHedging().enabled());
        components.put("monitoring", settings.monitoring().enabled());
        components.put("metrics", settings.monitoring().metricsEnabled());
        components.put("alerts", settings.monitoring().alertsEnabled());
        components.put("shared-cache", settings.redis().uri().isPresent());
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("enabled", true);
        description.put("level", settings.level().id());
        description.put("components", Collections.unmodifiableMap(components));
        return Collections.unmodifiableMap(description);
    }
}
