package io.voiceplatform.performance.cache;

import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.TimestampDetail;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.performance.RequestContext;

import java.util.Optional;

/** Everything that changes a transcript: the whole audio (by digest) and every parameter. */
record TranscriptKey(String audioDigest, AudioFormat format, String language, String prompt, TimestampDetail detail,
                     Optional<String> model, Optional<String> pinnedProvider) {
    static TranscriptKey of(TranscriptionRequest request, RequestContext context) {
        return new TranscriptKey(AudioDigest.of(request.audio()), request.audio().format(), request.language(),
                request.prompt(), request.timestampDetail(), request.modelHint(), context.pinnedProvider());
    }

    /** Names the entry in the shared level: a digest of every field. */
    String digest() {
        return new KeyDigest("stt/1").add(audioDigest).add(format.id()).add(language).add(prompt).add(detail.name())
                .add(model).add(pinnedProvider).hex();
    }
}
