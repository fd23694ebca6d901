package io.voiceplatform.core.config;

import java.util.List;

/**
 * Provider order per operation, with the configured default provider already moved first.
 *
 * @param sttProviders   ids tried in order for transcription
 * @param ttsProviders   ids tried in order for synthesis
 * @param pinnedFallback whether a request that pins a provider may fall back to the rest of the chain
 */
public record RoutingSettings(List<String> sttProviders, List<String> ttsProviders, boolean pinnedFallback) {
    public RoutingSettings {
        sttProviders = List.copyOf(sttProviders);
        ttsProviders = List.copyOf(ttsProviders);
    }
}
