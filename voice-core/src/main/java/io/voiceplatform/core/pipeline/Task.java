package io.voiceplatform.core.pipeline;

import io.voiceplatform.api.Operation;
import io.voiceplatform.api.SpeechProvider;
import io.voiceplatform.core.audio.AudioConversion;
import io.voiceplatform.core.registry.ProviderRegistry;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * One request as the pipeline carries it: what is asked ({@link TranscriptionTask}, {@link SpeechTask} or
 * {@link SpeechStreamTask}), how the caller wants it routed, and what the stages need to know about it:
 * which providers can serve it, how to call one, and a fingerprint of everything that changes its result.
 *
 * @param <R> the result: a transcript, speech, or a speech stream
 */
public abstract sealed class Task<R> permits TranscriptionTask, SpeechTask, SpeechStreamTask {
    private final Routing routing;
    private volatile String fingerprint;

    Task(Routing routing) {
        this.routing = Objects.requireNonNull(routing, "routing");
    }

    public abstract Operation operation();

    public Routing routing() {
        return routing;
    }

    /** Whether the result may serve an identical task too (kept in a cache, shared with a concurrent request). */
    public boolean reusable() {
        return true;
    }

    /**
     * SHA-256, in hex, of everything that changes the result (the whole audio or text, every parameter, the
     * routing), computed when a stage first asks: only caching and coalescing need it.
     */
    public final String fingerprint() {
        String value = fingerprint;
        if (value == null) {
            FieldDigest digest = new FieldDigest(getClass().getSimpleName() + "/1");
            digest.add(routing.pinnedProvider());
            digestFields(digest);
            value = digest.hex();
            fingerprint = value;
        }
        return value;
    }

    abstract void digestFields(FieldDigest digest);

    /** The same task after the request checks, with the platform's defaults and its audio conversion filled in. */
    abstract Task<R> validatedBy(RequestValidator validator, AudioConversion conversion);

    /** Whether provider {@code id} can serve this task, by its declared capabilities; no call is made. */
    abstract Candidate assess(String id, ProviderRegistry registry);

    /** One call of provider {@code id}. */
    abstract CompletionStage<R> call(String id, ProviderRegistry registry);

    /**
     * How much time provider {@code id} needs for this task beyond the usual, by its declared real-time factor
     * (a long recording on an embedded engine); zero for most.
     */
    Duration timeNeeded(String id, ProviderRegistry registry) {
        return Duration.ZERO;
    }

    /** The task's work has ended (served, failed or abandoned): what still runs for it may stop. */
    void release() {
    }

    /** Releases a result that came too late to be used (a hedge that finished second). */
    void discard(R unused) {
    }

    /** A model hint names one provider's model; the other providers of the chain use their own default. */
    static Optional<String> modelFor(SpeechProvider provider, Optional<String> hint) {
        return hint.filter(model -> provider.capabilities().models().contains(model));
    }
}
