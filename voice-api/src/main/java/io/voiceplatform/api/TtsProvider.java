package io.voiceplatform.api;

import java.util.concurrent.CompletionStage;

/**
 * A text-to-speech provider. Calls must not block the caller. Failures complete the stage with a
 * {@link VoiceException}. A cancelled stage should stop the work it stands for where the provider can.
 */
public interface TtsProvider extends SpeechProvider {
    CompletionStage<SynthesizedSpeech> synthesize(SpeechRequest request);
}
