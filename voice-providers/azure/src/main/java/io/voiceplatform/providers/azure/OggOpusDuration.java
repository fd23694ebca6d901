package io.voiceplatform.providers.azure;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Optional;

/**
 * The length of an Ogg Opus stream, read from its headers without decoding (RFC 7845): the granule
 * position of the last page counts 48 kHz samples, less the pre-skip of the {@code OpusHead} packet.
 */
final class OggOpusDuration {
    private static final int CAPTURE = 0x5367674F; // "OggS", little-endian
    private static final int PAGE_HEADER = 27;

    private OggOpusDuration() {
    }

    /** Empty when the bytes are not an Ogg Opus stream this can read. */
    static Optional<Duration> of(ByteBuffer audio) {
        ByteBuffer b = audio.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (b.limit() < PAGE_HEADER + 19 || b.getInt(0) != CAPTURE) {
            return Optional.empty();
        }
        int payload = PAGE_HEADER + (b.get(26) & 0xFF);
        if (payload + 12 > b.limit() || !"OpusHead".equals(ascii(b, payload, 8))) {
            return Optional.empty();
        }
        int preSkip = b.getShort(payload + 10) & 0xFFFF;
        for (int page = b.limit() - PAGE_HEADER; page >= 0; page--) {
            if (b.getInt(page) == CAPTURE && b.get(page + 4) == 0) {
                long granule = b.getLong(page + 6);
                return granule < preSkip ? Optional.empty()
                        : Optional.of(Duration.ofNanos((granule - preSkip) * 1_000_000_000L / 48_000));
            }
        }
        return Optional.empty();
    }

    private static String ascii(ByteBuffer b, int from, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) (b.get(from + i) & 0xFF));
        }
        return s.toString();
    }
}
