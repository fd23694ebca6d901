package io.voiceplatform.api.performance;

import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SpeechStream;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.TtsProvider;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** Around a whole transcription, knowing how it is routed; by default the same as without the context. */
    default CompletionStage<Transcript> transcribe(TranscriptionRequest request, RequestContext context,
                                                   Chain<TranscriptionRequest, Transcript> next) {
        return transcribe(request, next);
    }

    /** Around a whole synthesis, knowing how it is routed; by default the same as without the context. */
    default CompletionStage<SynthesizedSpeech> synthesize(SpeechRequest request, RequestContext context,
                                                         Chain<SpeechRequest, SynthesizedSpeech> next) {
        return synthesize(request, next);
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

    /**
     * Whether results of this operation may be served without a provider call of their own (a cache hit,
     * a call shared with an identical request). Decides the {@code X-Voice-Cache} answer: HIT or MISS when
     * true, BYPASS when false.
     */
    default boolean caches(Operation operation) {
        return false;
    }

    /**
     * How long to wait for {@code provider} before also starting the next capable provider (a hedged
     * request); empty never hedges. The first success wins and the other calls are cancelled.
     */
    default Optional<Duration> hedgeDelay(Operation operation, String provider) {
        return Optional.empty();
    }

    /** The most providers called at once for one request when hedging. */
    default int maxParallelProviders(Operation operation) {
        return 1;
    }

    /** Told once a hedged request ends: the provider started as a hedge, and whether it won. */
    default void hedgeFinished(Operation operation, String hedgeProvider, boolean won) {
    }

    /**
     * Whether the per-provider latency timer keeps histogram buckets, so that any percentile can be computed per
     * provider and operation; they cost about seventy series each, so they are off unless asked for.
     */
    default boolean providerLatencyHistograms() {
        return false;
    }

    /** Whether speech goes to callers as it is produced (the HTTP layer then sends it chunked). */
    default boolean streamsSpeech() {
        return false;
    }

    /**
     * How one provider's speech is streamed, when {@link #streamsSpeech()}: by default the provider's own
     * {@link TtsProvider#synthesizeStream}. A performance module may instead split a long text for a provider
     * that cannot stream and synthesize the pieces concurrently.
     */
    default CompletionStage<SpeechStream> streamSpeech(TtsProvider provider, SpeechRequest request) {
        return provider.synthesizeStream(request);
    }

    /** A snapshot for health output: component states, counters. Empty by default. */
    default Map<String, Object> describe() {
        return Map.of();
    }

    @Override
    default void close() {
    }
}
