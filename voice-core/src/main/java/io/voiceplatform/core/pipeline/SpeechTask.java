package io.voiceplatform.core.pipeline;

import io.voiceplatform.api.Operation;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.core.audio.AudioConversion;
import io.voiceplatform.core.registry.ProviderRegistry;

import java.util.concurrent.CompletionStage;

/** Text to speech, answered whole; in a format its provider does not make, converted by the platform. */
public final class SpeechTask extends Task<SynthesizedSpeech> {
    private final SpeechRequest request;
    /** Set once validated. */
    private final SpeechConversion conversion;

    public SpeechTask(SpeechRequest request, Routing routing) {
        this(request, routing, null);
    }

    private SpeechTask(SpeechRequest request, Routing routing, SpeechConversion conversion) {
        super(routing);
        this.request = request;
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
    void digestFields(FieldDigest digest) {
        digestSpeech(request, digest);
    }

    static void digestSpeech(SpeechRequest request, FieldDigest digest) {
        digest.add(request.text()).add(request.voice()).add(request.language()).add(request.outputFormat().id())
                .add(request.speed()).add(request.modelHint());
    }

    @Override
    SpeechTask validatedBy(RequestValidator validator, AudioConversion audio) {
        return new SpeechTask(validator.validate(request), routing(), new SpeechConversion(audio));
    }

    @Override
    Candidate assess(String id, ProviderRegistry registry) {
        return assessSpeech(request, id, registry.tts(id).orElseThrow().capabilities(), conversion);
    }

    static Candidate assessSpeech(SpeechRequest request, String id, ProviderCapabilities caps, SpeechConversion conversion) {
        boolean deliverable = conversion == null ? caps.outputFormats().contains(request.outputFormat())
                : conversion.deliverable(caps, request.outputFormat());
        if (!deliverable) {
            return Candidate.skipped(id, "cannot produce " + request.outputFormat().id() + " (it produces "
                    + caps.outputFormats().stream().map(f -> f.id()).sorted().toList() + ")", "response_format");
        }
        if (!caps.supportsLanguage(request.language())) {
            return Candidate.skipped(id, "does not serve language " + request.language(), "language");
        }
        if (request.voice().isPresent() && !caps.supportsVoice(request.voice().get())) {
            return Candidate.skipped(id, "has no voice '" + request.voice().get() + "'", "voice");
        }
        if (request.text().length() > caps.maxTextChars()) {
            return Candidate.skipped(id, "takes at most " + caps.maxTextChars() + " characters", "input");
        }
        return Candidate.capable(id);
    }

    @Override
    CompletionStage<SynthesizedSpeech> call(String id, ProviderRegistry registry) {
        TtsProvider provider = registry.tts(id).orElseThrow();
        SpeechRequest asked = request.withModelHint(modelFor(provider, request.modelHint()));
        CompletionStage<SynthesizedSpeech> speech = conversion == null ? provider.synthesize(asked) : conversion.synthesize(provider, asked);
        return DerivedFuture.of(speech, answer -> SpeechAnswerCheck.checked(request.outputFormat(), answer));
    }
}
