package io.voiceplatform.core.audio;

import io.voiceplatform.api.VoiceException;
import org.bytedeco.javacpp.ShortPointer;

import java.util.Arrays;

/** Decoded samples as they accumulate, up to a ceiling that keeps a tiny file from unpacking into gigabytes. */
final class SampleBuffer {
    private final long maxSamples;
    private short[] samples = new short[64 * 1024];
    private int size;

    SampleBuffer(long maxSamples) {
        this.maxSamples = maxSamples;
    }

    void append(ShortPointer from, int count) {
        if ((long) size + count > maxSamples) {
            throw VoiceException.invalid("the audio is too long to decode: over " + maxSamples / 1_000_000
                    + " million samples", "file");
        }
        if (size + count > samples.length) {
            samples = Arrays.copyOf(samples, Math.max(size + count, samples.length * 2));
        }
        from.position(0).get(samples, size, count);
        size += count;
    }

    short[] toArray() {
        return Arrays.copyOf(samples, size);
    }
}
