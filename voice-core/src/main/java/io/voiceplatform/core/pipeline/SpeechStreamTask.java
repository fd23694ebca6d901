package io.voiceplatform.core.pipeline;

import io.voiceplatform.api.Operation;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SpeechStream;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.core.registry.ProviderRegistry;

import java.io.IOException;
import java.util.concurrent.CompletionStage;

/**
 * Text to speech, handed over as it is produced: the result is there with the first audio. A stream is read
 * once, so it is never reused (no cache, no sharing).
 */
public final class SpeechStreamTask extends Task<SpeechStream> {
    private final SpeechRequest request;
    private final SpeechStreaming streaming;

    SpeechStreamTask(SpeechRequest request, Routing routing, SpeechStreaming streaming) {
        super(routing);
        this.request = request;
        this.streaming = streaming;
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
    SpeechStreamTask validatedBy(RequestValidator validator) {
        return new SpeechStreamTask(validator.validate(request), routing(), streaming);
    }

    @Override
    Candidate assess(String id, ProviderRegistry registry) {
        return SpeechTask.assessSpeech(request, id, registry.tts(id).orElseThrow().capabilities());
    }

    @Override
    CompletionStage<SpeechStream> call(String id, ProviderRegistry registry) {
        TtsProvider provider = registry.tts(id).orElseThrow();
        return streaming.stream(provider, request.withModelHint(modelFor(provider, request.modelHint())));
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
