package io.voiceplatform.core.pipeline;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.Operation;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.core.registry.ProviderRegistry;

import java.util.concurrent.CompletionStage;

/** Speech to text. */
public final class TranscriptionTask extends Task<Transcript> {
    private final TranscriptionRequest request;

    public TranscriptionTask(TranscriptionRequest request, Routing routing) {
        super(routing);
        this.request = request;
    }

    public TranscriptionRequest request() {
        return request;
    }

    @Override
    public Operation operation() {
        return Operation.STT;
    }

    @Override
    void digestFields(FieldDigest digest) {
        Audio audio = request.audio();
        digest.add(audio.asByteBuffer()).add(audio.format().id()).add(audio.sampleRate().orElse(0)).add(audio.channels().orElse(0))
                .add(request.language()).add(request.prompt()).add(request.timestampDetail().name()).add(request.modelHint());
    }

    @Override
    TranscriptionTask validatedBy(RequestValidator validator) {
        return new TranscriptionTask(validator.validate(request), routing());
    }

    @Override
    Candidate assess(String id, ProviderRegistry registry) {
        ProviderCapabilities caps = registry.stt(id).orElseThrow().capabilities();
        if (!caps.inputFormats().contains(request.audio().format())) {
            return Candidate.skipped(id, "does not accept " + request.audio().format().id() + " audio", "file");
        }
        if (!caps.supportsLanguage(request.language())) {
            return Candidate.skipped(id, "does not serve language " + request.language(), "language");
        }
        if (request.audio().size() > caps.maxAudioBytes()) {
            return Candidate.skipped(id, "takes at most " + caps.maxAudioBytes() + " bytes of audio", "file");
        }
        return Candidate.capable(id);
    }

    @Override
    CompletionStage<Transcript> call(String id, ProviderRegistry registry) {
        SttProvider provider = registry.stt(id).orElseThrow();
        return provider.transcribe(request.withModelHint(modelFor(provider, request.modelHint())));
    }
}
