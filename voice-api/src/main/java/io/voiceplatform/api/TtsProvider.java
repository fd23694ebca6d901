package io.voiceplatform.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A text-to-speech provider. Calls must not block the caller. Failures complete the stage with a
 * {@link VoiceException}. A cancelled stage should stop the work it stands for where the provider can.
 */
public interface TtsProvider extends SpeechProvider {
    CompletionStage<SynthesizedSpeech> synthesize(SpeechRequest request);

    /**
     * Speech handed over as it is produced; the stage completes with the first audio. Providers whose API
     * streams override this and declare {@link ProviderCapabilities#streaming()}; the default synthesizes the
     * whole text and hands it over in one piece.
     */
    default CompletionStage<SpeechStream> synthesizeStream(SpeechRequest request) {
        CompletableFuture<SynthesizedSpeech> whole = synthesize(request).toCompletableFuture();
        CompletableFuture<SpeechStream> stream = whole.thenApply(SpeechStream::of);
        stream.whenComplete((value, error) -> {
            if (stream.isCancelled()) {
                whole.cancel(true); // a derived future does not pass cancellation back by itself
            }
        });
        return stream;
    }
}
