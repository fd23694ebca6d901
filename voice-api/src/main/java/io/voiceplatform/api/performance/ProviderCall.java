package io.voiceplatform.api.performance;

/**
 * One call of one provider, as the orchestrator is about to make it.
 *
 * @param operation STT or TTS
 * @param provider  the provider id
 * @param attempt   1 for the first try of this provider within a request
 */
public record ProviderCall(Operation operation, String provider, int attempt) {
}
