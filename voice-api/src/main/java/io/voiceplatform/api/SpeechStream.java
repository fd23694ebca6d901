package io.voiceplatform.api;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Objects;

/**
 * Speech delivered while it is produced. The stage that hands it over completes when the first audio is
 * ready; reading {@code audio} then blocks until more arrives. A failure after the first bytes ends the
 * stream with an {@link java.io.IOException}. Closing the stream abandons the rest of the work.
 *
 * @param format   the audio format, as requested
 * @param audio    the bytes in order; for WAV the header may carry streaming placeholder sizes
 * @param provider the id of the provider producing it
 */
public record SpeechStream(AudioFormat format, InputStream audio, String provider) {
    public SpeechStream {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(provider, "provider");
    }

    /** A whole synthesis as a stream of one piece. */
    public static SpeechStream of(SynthesizedSpeech speech) {
        return new SpeechStream(speech.audio().format(), new ByteArrayInputStream(speech.audio().toByteArray()), speech.provider());
    }
}
