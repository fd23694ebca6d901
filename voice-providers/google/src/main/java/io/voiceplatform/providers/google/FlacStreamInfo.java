package io.voiceplatform.providers.google;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

/**
 * The STREAMINFO block that opens every FLAC stream (https://www.rfc-editor.org/rfc/rfc9639#name-streaminfo):
 * sample rate, channels, and the total number of samples (0 when the encoder did not know it).
 */
record FlacStreamInfo(int sampleRate, int channels, long totalSamples) {
    private static final int MARKER = 0x664C6143; // "fLaC"

    static Optional<FlacStreamInfo> read(ByteBuffer bytes) {
        ByteBuffer b = bytes.duplicate();
        int start = b.position();
        // marker (4), block header (4: type 0 = STREAMINFO), block sizes (10), then 64 bits of rate/channels/bits/samples
        if (b.limit() - start < 26 || b.getInt(start) != MARKER || (b.get(start + 4) & 0x7F) != 0) {
            return Optional.empty();
        }
        long fields = b.getLong(start + 18);
        int rate = (int) (fields >>> 44);
        int channels = (int) ((fields >>> 41) & 0x7) + 1;
        long samples = fields & 0xFFFFFFFFFL;
        return rate <= 0 ? Optional.empty() : Optional.of(new FlacStreamInfo(rate, channels, samples));
    }

    Duration duration() {
        return Duration.ofSeconds(totalSamples / sampleRate, (totalSamples % sampleRate) * 1_000_000_000L / sampleRate);
    }
}
