package io.voiceplatform.core.pipeline;

import io.voiceplatform.api.Operation;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SpeechStream;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.core.audio.AudioConversion;
import io.voiceplatform.core.registry.ProviderRegistry;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Text to speech, handed over as it is produced: the result is there with the first audio. A stream is read
 * once, so it is never reused (no cache, no sharing).
 */
public final class SpeechStreamTask extends Task<SpeechStream> {
    private final SpeechRequest request;
    private final SpeechStreaming streaming;
    /** Set once validated. */
    private final SpeechConversion conversion;

    SpeechStreamTask(SpeechRequest request, Routing routing, SpeechStreaming streaming) {
        this(request, routing, streaming, null);
    }

    private SpeechStreamTask(SpeechRequest request, Routing routing, SpeechStreaming streaming, SpeechConversion conversion) {
        super(routing);
        this.request = request;
        this.streaming = streaming;
        this.conversion = conversion;
    }

    public SpeechRequest request() {
        return request;
    }

    @Override
    public Operation operation() {
        return Operation.TTS;
    }

    @Override
    public boolean reusable() {
        return false;
    }

    @Override
    void digestFields(FieldDigest digest) {
        SpeechTask.digestSpeech(request, digest);
    }

    @Override
    SpeechStreamTask validatedBy(RequestValidator validator, AudioConversion audio) {
        return new SpeechStreamTask(validator.validate(request), routing(), streaming, new SpeechConversion(audio));
    }

    @Override
    Candidate assess(String id, ProviderRegistry registry) {
        return SpeechTask.assessSpeech(request, id, registry.tts(id).orElseThrow().capabilities(), conversion);
    }

    @Override
    CompletionStage<SpeechStream> call(String id, ProviderRegistry registry) {
        TtsProvider provider = registry.tts(id).orElseThrow();
        SpeechRequest asked = request.withModelHint(modelFor(provider, request.modelHint()));
        if (conversion != null && conversion.source(provider.capabilities(), request.outputFormat()).isPresent()) {
            // Converted speech is encoded whole, then handed over in one piece.
            CompletableFuture<SynthesizedSpeech> whole = conversion.synthesize(provider, asked);
            CompletableFuture<SpeechStream> stream = whole.thenApply(SpeechStream::of);
            stream.whenComplete((value, error) -> {
                if (stream.isCancelled()) {
                    whole.cancel(true);
                }
            });
            return stream;
        }
        return streaming.stream(provider, asked);
    }

    /** Closing a stream nobody reads releases the provider's work behind it. */
    @Override
    void discard(SpeechStream unused) {
        try {
            unused.audio().close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
