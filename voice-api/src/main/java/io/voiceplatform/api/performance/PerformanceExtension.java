package io.voiceplatform.api.performance;

import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The hook voice-core calls around every request and every provider call, so that a performance module
 * (caches, coalescing, hedging, routing, monitoring) can act without voice-core depending on it.
 * Every method has a pass-through default; {@link #NONE} is the binding when no module is installed.
 * New hooks are added as default methods, so existing implementations keep working.
 */
public interface PerformanceExtension extends AutoCloseable {
    /** The pass-through extension. */
    PerformanceExtension NONE = new PerformanceExtension() {
    };

    /** Around a whole transcription, after validation and before provider selection. */
    default CompletionStage<Transcript> transcribe(TranscriptionRequest request, Chain<TranscriptionRequest, Transcript> next) {
        return next.proceed(request);
    }

    /** Around a whole synthesis, after validation and before provider selection. */
    default CompletionStage<SynthesizedSpeech> synthesize(SpeechRequest request, Chain<SpeechRequest, SynthesizedSpeech> next) {
        return next.proceed(request);
    }

    /** Around each single provider call (each try of each provider). */
    default <T> CompletionStage<T> aroundProviderCall(ProviderCall call, Supplier<CompletionStage<T>> invocation) {
        return invocation.get();
    }

    /**
     * The order in which to try the capable providers. {@code pinned} is true when the first one was
     * asked for by the caller and must stay first. Returns the same ids, possibly reordered.
     */
    default List<String> order(Operation operation, List<String> providers, boolean pinned) {
        return providers;
    }

    /** A snapshot for health output: component states, counters. Empty by default. */
    default Map<String, Object> describe() {
        return Map.of();
    }

    @Override
    default void close() {
    }
}
