package io.voiceplatform.core.pipeline;

import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SpeechStream;
import io.voiceplatform.api.TtsProvider;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * How speech reaches callers: whole, or as it is produced, and then how one provider's speech is streamed.
 * The default answers whole; the performance module streams, cutting long texts for providers that cannot.
 */
public interface SpeechStreaming extends PipelineStage {
    /** Speech is answered whole; a stream, when asked for, is the provider's own. */
    SpeechStreaming OFF = new SpeechStreaming() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public CompletionStage<SpeechStream> stream(TtsProvider provider, SpeechRequest request) {
            return provider.synthesizeStream(request);
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("active", false);
        }
    };

    /** Whether callers get speech as it is produced (the HTTP layer then sends it chunked). */
    boolean enabled();

    /** One provider's speech as it is produced; the stage completes with the first audio. */
    CompletionStage<SpeechStream> stream(TtsProvider provider, SpeechRequest request);
}
