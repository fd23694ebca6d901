package io.voiceplatform.core.pipeline;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.PcmFormat;
import io.voiceplatform.core.audio.AudioConversion;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The recording of one transcription, and what the platform made of it for providers that do not take its format:
 * each PCM layout decoded once, when a provider first needs it, and shared by every attempt, retry and hedge of the
 * request. Once the request's work has ended, decodes still running stop.
 */
final class Upload {
    private final Audio original;
    private final AudioConversion conversion;
    private final Map<String, CompletableFuture<Audio>> decoded = new HashMap<>();
    private Duration duration;
    private volatile boolean released;

    Upload(Audio original, AudioConversion conversion) {
        this.original = original;
        this.conversion = conversion;
    }

    /** How long it plays, read from the container once (nothing is decoded). */
    synchronized Duration duration() {
        if (duration == null) {
            duration = conversion.duration(original);
        }
        return duration;
    }

    /** The recording as {@code container} at {@code format} (empty: its own), decoded on first use. */
    synchronized CompletableFuture<Audio> as(Optional<PcmFormat> format, AudioFormat container) {
        String key = container.id() + "/" + format.map(f -> f.sampleRate() + "x" + f.channels()).orElse("own");
        CompletableFuture<Audio> audio = decoded.get(key);
        if (audio == null || audio.isCompletedExceptionally()) {
            audio = conversion.decode(original, format, container, () -> released);
            decoded.put(key, audio);
        }
        return audio;
    }

    /** The request's work has ended: decodes still running stop at their next read. */
    void release() {
        released = true;
        List<CompletableFuture<Audio>> running;
        synchronized (this) {
            running = List.copyOf(decoded.values());
        }
        running.forEach(audio -> audio.cancel(true));
    }
}
