package io.voiceplatform.core.pipeline;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.Operation;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.core.audio.AudioConversion;
import io.voiceplatform.core.registry.ProviderRegistry;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Speech to text. A provider that takes the recording's format gets the original bytes; one that takes PCM or WAV
 * instead gets the recording decoded by the platform, at the rate and channels it declares ({@link Upload}).
 */
public final class TranscriptionTask extends Task<Transcript> {
    private final TranscriptionRequest request;
    /** Set once validated: the recording and what the platform decodes of it. */
    private final Upload upload;

    public TranscriptionTask(TranscriptionRequest request, Routing routing) {
        this(request, routing, null);
    }

    private TranscriptionTask(TranscriptionRequest request, Routing routing, Upload upload) {
        super(routing);
        this.request = request;
        this.upload = upload;
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
    TranscriptionTask validatedBy(RequestValidator validator, AudioConversion conversion) {
        TranscriptionRequest valid = validator.validate(request);
        return new TranscriptionTask(valid, routing(), new Upload(valid.audio(), conversion));
    }

    @Override
    Candidate assess(String id, ProviderRegistry registry) {
        ProviderCapabilities caps = registry.stt(id).orElseThrow().capabilities();
        AudioFormat format = request.audio().format();
        if (!caps.inputFormats().contains(format) && decodedContainer(caps).isEmpty()) {
            return Candidate.skipped(id, "does not accept " + format.id() + " audio", "file");
        }
        if (!caps.supportsLanguage(request.language())) {
            return Candidate.skipped(id, "does not serve language " + request.language(), "language");
        }
        if (request.audio().size() > caps.maxAudioBytes()) {
            return Candidate.skipped(id, "takes at most " + caps.maxAudioBytes() + " bytes of audio", "file");
        }
        if (!caps.maxAudioDuration().isZero() && upload != null && upload.duration().compareTo(caps.maxAudioDuration()) > 0) {
            return Candidate.skipped(id, String.format("takes at most %d s of audio; this recording is %.1f s",
                    caps.maxAudioDuration().toSeconds(), upload.duration().toMillis() / 1000.0), "file");
        }
        return Candidate.capable(id);
    }

    /** The audio's length times the provider's declared real-time factor. */
    @Override
    Duration timeNeeded(String id, ProviderRegistry registry) {
        double factor = registry.stt(id).orElseThrow().capabilities().realTimeFactor();
        return factor == 0 || upload == null ? Duration.ZERO : Duration.ofMillis(Math.round(upload.duration().toMillis() * factor));
    }

    @Override
    CompletionStage<Transcript> call(String id, ProviderRegistry registry) {
        SttProvider provider = registry.stt(id).orElseThrow();
        TranscriptionRequest asked = request.withModelHint(modelFor(provider, request.modelHint()));
        ProviderCapabilities caps = provider.capabilities();
        if (takesAsItIs(caps) || upload == null) {
            return provider.transcribe(asked);
        }
        AudioFormat container = decodedContainer(caps).orElseThrow();
        CompletableFuture<Audio> decoded = upload.as(caps.pcmInput(), container);
        CompletableFuture<Transcript> result = new CompletableFuture<>();
        decoded.whenComplete((audio, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
                return;
            }
            if (result.isDone()) {
                return;
            }
            CompletableFuture<Transcript> call = provider.transcribe(asked.withAudio(audio)).toCompletableFuture();
            // Cancelling the call (its time is up, the caller left) cancels the provider's work, not the shared decode.
            result.whenComplete((value, failure) -> {
                if (result.isCancelled()) {
                    call.cancel(true);
                }
            });
            call.whenComplete((value, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
            });
        });
        return result;
    }

    @Override
    void release() {
        if (upload != null) {
            upload.release();
        }
    }

    /** The provider takes the recording's format, and raw PCM at the rate and channels it declares. */
    private boolean takesAsItIs(ProviderCapabilities caps) {
        Audio audio = request.audio();
        if (!caps.inputFormats().contains(audio.format())) {
            return false;
        }
        return audio.format() != AudioFormat.PCM || caps.pcmInput().map(wanted -> wanted.sampleRate() == audio.sampleRate().orElse(0)
                && wanted.channels() == audio.channels().orElse(0)).orElse(true);
    }

    /** Raw PCM, else WAV, when the provider takes one of them: what the platform decodes other formats into. */
    private static Optional<AudioFormat> decodedContainer(ProviderCapabilities caps) {
        if (caps.inputFormats().contains(AudioFormat.PCM)) {
            return Optional.of(AudioFormat.PCM);
        }
        return caps.inputFormats().contains(AudioFormat.WAV) ? Optional.of(AudioFormat.WAV) : Optional.empty();
    }
}
