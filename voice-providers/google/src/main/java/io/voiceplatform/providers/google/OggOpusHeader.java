package io.voiceplatform.providers.google;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Optional;

/**
 * What an Ogg Opus file says about itself (https://www.rfc-editor.org/rfc/rfc7845): the {@code OpusHead}
 * packet of its first page (channels, pre-skip, the input's sample rate) and, from the granule position of
 * its last page, its length. Opus always counts granules at 48 kHz.
 *
 * @param inputSampleRate the rate the encoder was given; 0 when not recorded
 * @param duration        the playable length, or zero when no page says
 */
record OggOpusHeader(int channels, int inputSampleRate, Duration duration) {
    private static final int CAPTURE = 0x5367674F; // "OggS" read little-endian
    private static final long OPUS_HEAD = 0x646165487375704FL; // "OpusHead" read little-endian
    private static final int PAGE_HEADER = 27;

    static Optional<OggOpusHeader> read(ByteBuffer bytes) {
        ByteBuffer b = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int start = b.position();
        int end = b.limit();
        if (end - start < PAGE_HEADER || b.getInt(start) != CAPTURE) {
            return Optional.empty();
        }
        int packet = start + PAGE_HEADER + (b.get(start + 26) & 0xFF);
        if (packet + 19 > end || b.getLong(packet) != OPUS_HEAD) {
            return Optional.empty();
        }
        int channels = b.get(packet + 9) & 0xFF;
        int preSkip = b.getShort(packet + 10) & 0xFFFF;
        int inputRate = b.getInt(packet + 12);
        return Optional.of(new OggOpusHeader(channels, Math.max(0, inputRate), duration(b, start, end, preSkip)));
    }

    /** The granule position of the last complete page header, less the pre-skip, at 48 kHz. */
    private static Duration duration(ByteBuffer b, int start, int end, int preSkip) {
        for (int pos = end - PAGE_HEADER; pos >= start; pos--) {
            if (b.getInt(pos) == CAPTURE && b.get(pos + 4) == 0) {
                long granule = b.getLong(pos + 6);
                long samples = granule - preSkip;
                return samples <= 0 ? Duration.ZERO : Duration.ofSeconds(samples / 48_000, (samples % 48_000) * 1_000_000_000L / 48_000);
            }
        }
        return Duration.ZERO;
    }
}
