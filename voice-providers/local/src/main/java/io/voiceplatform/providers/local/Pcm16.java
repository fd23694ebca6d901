package io.voiceplatform.providers.local;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Mono signed 16-bit samples at a sample rate: what both engines work with (Sphinx reads 16 kHz, FreeTTS
 * writes 16 kHz for kevin16, 8 kHz for kevin).
 *
 * @param samples    the samples
 * @param sampleRate samples per second
 */
record Pcm16(short[] samples, int sampleRate) {
    double seconds() {
        return (double) samples.length / sampleRate;
    }

    /** Little-endian bytes, as WAV and raw PCM carry them. */
    byte[] toLittleEndian() {
        ByteBuffer out = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        out.asShortBuffer().put(samples);
        return out.array();
    }

    /**
     * The samples with one step of noise added (-1, 0 or +1, from a fixed seed, so a recording always reads the same).
     * Sphinx4 takes the log of each frame's energy and finds nothing in a recording whose pauses are exact digital
     * silence, as lossless encoders and synthesizers leave them; recorded audio always carries this much noise.
     */
    Pcm16 dithered() {
        SplittableRandom noise = new SplittableRandom(samples.length);
        short[] out = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, samples[i] + noise.nextInt(-1, 2)));
        }
        return new Pcm16(out, sampleRate);
    }

    static Pcm16 fromLittleEndian(byte[] bytes, int sampleRate) {
        short[] samples = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return new Pcm16(samples, sampleRate);
    }
}
