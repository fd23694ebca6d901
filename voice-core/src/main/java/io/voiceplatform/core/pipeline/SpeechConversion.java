package io.voiceplatform.core.pipeline;

import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.core.audio.AudioConversion;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Speech in the format the caller asked for, when its provider makes WAV or raw PCM but not that format: the
 * provider is asked for WAV (else PCM) and the platform encodes. Raw PCM is always OpenAI's: 24 kHz 16-bit mono.
 */
final class SpeechConversion {
    private final AudioConversion conversion;

    SpeechConversion(AudioConversion conversion) {
        this.conversion = conversion;
    }

    /** What to ask the provider for: empty when it makes the wanted format itself or nothing the platform converts. */
    Optional<AudioFormat> source(ProviderCapabilities caps, AudioFormat wanted) {
        if (caps.outputFormats().contains(wanted) || !conversion.speechFormats().contains(wanted)) {
            return Optional.empty();
        }
        if (caps.outputFormats().contains(AudioFormat.WAV)) {
            return Optional.of(AudioFormat.WAV);
        }
        return caps.outputFormats().contains(AudioFormat.PCM) ? Optional.of(AudioFormat.PCM) : Optional.empty();
    }

    /** Whether the platform can deliver {@code wanted} from this provider, by itself or converted. */
    boolean deliverable(ProviderCapabilities caps, AudioFormat wanted) {
        return caps.outputFormats().contains(wanted) || source(caps, wanted).isPresent();
    }

    /** The provider's speech, converted where it does not make the requested format (or its PCM is not OpenAI's). */
    CompletableFuture<SynthesizedSpeech> synthesize(TtsProvider provider, SpeechRequest request) {
        AudioFormat wanted = request.outputFormat();
        SpeechRequest asked = source(provider.capabilities(), wanted).map(request::withOutputFormat).orElse(request);
        CompletableFuture<SynthesizedSpeech> made = provider.synthesize(asked).toCompletableFuture();
        CompletableFuture<SynthesizedSpeech> result = made.thenCompose(speech -> {
            boolean convert = speech.audio().format() != wanted || AudioConversion.needsResampling(speech.audio());
            return convert ? conversion.encode(speech.audio(), wanted)
                    .thenApply(audio -> new SynthesizedSpeech(audio, speech.duration(), speech.provider()))
                    : CompletableFuture.completedFuture(speech);
        });
        // A derived future does not pass cancellation back by itself.
        result.whenComplete((value, error) -> {
            if (result.isCancelled()) {
                made.cancel(true);
            }
        });
        return result;
    }
}
