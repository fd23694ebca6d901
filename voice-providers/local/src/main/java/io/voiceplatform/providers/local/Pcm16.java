package io.voiceplatform.providers.local;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

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

    static Pcm16 fromLittleEndian(byte[] bytes, int sampleRate) {
        short[] samples = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return new Pcm16(samples, sampleRate);
    }
}
