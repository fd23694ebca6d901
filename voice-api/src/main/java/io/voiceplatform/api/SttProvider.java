package io.voiceplatform.api;

import java.util.concurrent.CompletionStage;

/**
 * A speech-to-text provider. Calls must not block the caller: slow work runs on the provider's own
 * executor or on a non-blocking client. Failures complete the stage with a {@link VoiceException}.
 * A cancelled stage should stop the work it stands for where the provider can.
 */
public interface SttProvider extends SpeechProvider {
    CompletionStage<Transcript> transcribe(TranscriptionRequest request);
}
