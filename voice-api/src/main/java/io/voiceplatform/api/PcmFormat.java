package io.voiceplatform.api;

/**
 * Raw signed 16-bit little-endian PCM at a sample rate and channel count: what a provider that takes
 * {@link AudioFormat#PCM} or {@link AudioFormat#WAV} wants the platform to decode other formats into.
 *
 * @param sampleRate samples per second, 8 000 to 384 000
 * @param channels   1 to 8, interleaved
 * @since SPI 1.1
 */
public record PcmFormat(int sampleRate, int channels) {
    public PcmFormat {
        if (sampleRate < 8_000 || sampleRate > 384_000) {
            throw new IllegalArgumentException("PCM sample rate out of 8000..384000: " + sampleRate);
        }
        if (channels < 1 || channels > 8) {
            throw new IllegalArgumentException("PCM channel count out of 1..8: " + channels);
        }
    }

    /** One channel at {@code sampleRate}. */
    public static PcmFormat mono(int sampleRate) {
        return new PcmFormat(sampleRate, 1);
    }
}
