package io.voiceplatform.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** What STT and TTS providers have in common. */
public interface SpeechProvider extends AutoCloseable {
    /** Stable id, as used in configuration ({@code voice.providers.<id>}) and in routing ({@code model=<id>}). */
    String id();

    ProviderCapabilities capabilities();

    /** A cheap check that makes no paid call; the default says the provider is up. */
    default CompletionStage<HealthProbe> checkHealth() {
        return CompletableFuture.completedFuture(HealthProbe.healthy());
    }

    /** Releases threads, connections and models. Called once; must not throw. */
    @Override
    void close();
}
