package io.voiceplatform.core.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The sample data of a WAV file: its RIFF chunks walked to the {@code data} chunk, trusting no declared size. */
public final class WavData {
    private static final int RIFF_HEADER = 12;

    private WavData() {
    }

    /**
     * Bytes of sample data actually present: the {@code data} chunk's declared size, cut to the bytes that follow
     * it; a streamed WAV declares 0 or 0xFFFFFFFF for "unknown", which counts as everything that follows. 0 when
     * there is no {@code data} chunk.
     */
    public static long sampleBytes(ByteBuffer wav) {
        ByteBuffer bytes = wav.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int position = bytes.position() + RIFF_HEADER;
        int end = bytes.limit();
        while (position + 8 <= end) {
            boolean data = bytes.get(position) == 'd' && bytes.get(position + 1) == 'a' && bytes.get(position + 2) == 't'
                    && bytes.get(position + 3) == 'a';
            long size = Integer.toUnsignedLong(bytes.getInt(position + 4));
            if (data) {
                long present = end - (position + 8L);
                return size == 0 || size == 0xFFFFFFFFL ? present : Math.min(size, present);
            }
            long next = position + 8L + size + (size & 1);
            if (next > end) {
                return 0;
            }
            position = (int) next;
        }
        return 0;
    }
}
