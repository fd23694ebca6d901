package io.voiceplatform.providers.local;

/**
 * Mono signed 16-bit samples at a sample rate: what both engines work with (Sphinx reads 16 kHz, FreeTTS
 * writes 16 kHz for kevin16).
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
        byte[] out = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            out[2 * i] = (byte) samples[i];
            out[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return out;
    }

    static Pcm16 fromLittleEndian(byte[] bytes, int sampleRate) {
        short[] samples = new short[bytes.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
        }
        return new Pcm16(samples, sampleRate);
    }

    /**
     * The same sound at another rate: a windowed-sinc low-pass below both Nyquist frequencies, evaluated at
     * the new sample positions.
     */
    Pcm16 resample(int targetRate) {
        if (targetRate == sampleRate || samples.length == 0) {
            return this;
        }
        double ratio = (double) targetRate / sampleRate;
        double cutoff = Math.min(1.0, ratio);
        int halfWidth = 16;
        int outLength = (int) Math.floor(samples.length * ratio);
        short[] out = new short[outLength];
        for (int i = 0; i < outLength; i++) {
            double center = i / ratio;
            int first = (int) Math.floor(center) - halfWidth + 1;
            double sum = 0;
            double weights = 0;
            for (int j = first; j < first + 2 * halfWidth; j++) {
                if (j < 0 || j >= samples.length) {
                    continue;
                }
                double x = (center - j) * cutoff;
                double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
                double window = 0.5 + 0.5 * Math.cos(Math.PI * (center - j) / halfWidth);
                double w = sinc * Math.max(0, window);
                sum += samples[j] * w;
                weights += w;
            }
            double value = weights == 0 ? 0 : sum / weights;
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value)));
        }
        return new Pcm16(out, targetRate);
    }
}
