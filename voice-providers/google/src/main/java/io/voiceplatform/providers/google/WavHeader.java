package io.voiceplatform.providers.google;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Optional;

/**
 * What a RIFF WAVE file says about its samples: the {@code fmt } chunk (with the sub-format of
 * WAVE_FORMAT_EXTENSIBLE) and where the {@code data} chunk lies. A streamed file's oversized data length is
 * cut to the bytes present.
 *
 * @param format     the sample format code: 1 integer PCM, 7 mu-law
 * @param dataOffset where the samples start
 * @param dataLength how many bytes of samples there are
 */
record WavHeader(int format, int channels, int sampleRate, int bitsPerSample, int dataOffset, int dataLength) {
    static final int PCM = 1;
    static final int MULAW = 7;
    private static final int EXTENSIBLE = 0xFFFE;
    private static final int RIFF = 0x46464952;
    private static final int WAVE = 0x45564157;
    private static final int FMT = 0x20746d66;
    private static final int DATA = 0x61746164;

    /** The header of a WAV file; empty when the bytes are not one or lack a {@code fmt } or {@code data} chunk. */
    static Optional<WavHeader> read(ByteBuffer bytes) {
        ByteBuffer b = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int start = b.position();
        int end = b.limit();
        if (end - start < 12 || b.getInt(start) != RIFF || b.getInt(start + 8) != WAVE) {
            return Optional.empty();
        }
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        long pos = start + 12;
        while (pos + 8 <= end) {
            int id = b.getInt((int) pos);
            long size = b.getInt((int) pos + 4) & 0xFFFFFFFFL;
            int body = (int) pos + 8;
            if (id == FMT && size >= 16 && body + 16 <= end) {
                format = b.getShort(body) & 0xFFFF;
                channels = b.getShort(body + 2) & 0xFFFF;
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14) & 0xFFFF;
                if (format == EXTENSIBLE && size >= 40 && body + 26 <= end) {
                    format = b.getShort(body + 24) & 0xFFFF;
                }
            } else if (id == DATA) {
                if (format < 0 || channels <= 0 || rate <= 0) {
                    return Optional.empty();
                }
                return Optional.of(new WavHeader(format, channels, rate, bits, body - start, (int) Math.min(size, end - body)));
            }
            pos = body + size + (size & 1);
        }
        return Optional.empty();
    }

    /** The length of the samples; zero when the format has no fixed sample size. */
    Duration duration() {
        long bytesPerSecond = (long) sampleRate * channels * bitsPerSample / 8;
        return bytesPerSecond <= 0 ? Duration.ZERO : Duration.ofNanos(dataLength * 1_000_000_000L / bytesPerSecond);
    }
}
