package io.voiceplatform.performance.cache;

import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.performance.RequestContext;

import java.util.Optional;

/** Everything that changes synthesized speech: text, voice, language, format, speed, model and provider. */
record SpeechKey(String text, Optional<String> voice, String language, AudioFormat format, double speed,
                 Optional<String> model, Optional<String> pinnedProvider) {
    static SpeechKey of(SpeechRequest request, RequestContext context) {
        return new SpeechKey(request.text(), request.voice(), request.language(), request.outputFormat(), request.speed(),
                request.modelHint(), context.pinnedProvider());
    }

    /** Names the entry in the shared level: a digest of every field. */
    String digest() {
        return new KeyDigest("tts/1").add(text).add(voice).add(language).add(format.id()).add(speed).add(model)
                .add(pinnedProvider).hex();
    }
}
