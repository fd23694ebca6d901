package io.voiceplatform.core.audio;

import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.Seek_Pointer_long_int;
import org.bytedeco.ffmpeg.avformat.Write_packet_Pointer_BytePointer_int;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avformat.avio_flush;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

/**
 * A seekable file in the JVM that FFmpeg's muxer writes into (FLAC rewrites its header at the end). Like
 * {@link MemoryInput}, one pair of native callbacks serves every output.
 */
final class MemoryOutput implements AutoCloseable {
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int AVSEEK_SIZE = 0x10000;
    private static final int AVSEEK_FORCE = 0x20000;
    private static final Map<Long, MemoryOutput> OPEN = new ConcurrentHashMap<>();
    private static final Write_packet_Pointer_BytePointer_int WRITE = new Write_packet_Pointer_BytePointer_int() {
        @Override
        public int call(Pointer opaque, BytePointer buffer, int size) {
            MemoryOutput output = OPEN.get(opaque.address());
            return output == null ? -1 : output.write(buffer, size);
        }
    };
    private static final Seek_Pointer_long_int SEEK = new Seek_Pointer_long_int() {
        @Override
        public long call(Pointer opaque, long offset, int whence) {
            MemoryOutput output = OPEN.get(opaque.address());
            return output == null ? -1 : output.seek(offset, whence);
        }
    };

    private final BytePointer key = new BytePointer(1);
    private final AVIOContext context;
    private byte[] data = new byte[BUFFER_BYTES];
    private int size;
    private int position;

    MemoryOutput() {
        OPEN.put(key.address(), this);
        this.context = avio_alloc_context(new BytePointer(av_malloc(BUFFER_BYTES)), BUFFER_BYTES, 1, key, null, WRITE, SEEK);
    }

    AVIOContext context() {
        return context;
    }

    /** What has been written, once the muxer has finished. */
    byte[] toByteArray() {
        avio_flush(context);
        return Arrays.copyOf(data, size);
    }

    private int write(BytePointer buffer, int length) {
        if (position + length > data.length) {
            data = Arrays.copyOf(data, Math.max(position + length, data.length * 2));
        }
        buffer.position(0).get(data, position, length);
        position += length;
        size = Math.max(size, position);
        return length;
    }

    private long seek(long offset, int whence) {
        int how = whence & ~AVSEEK_FORCE;
        if (how == AVSEEK_SIZE) {
            return size;
        }
        long target = switch (how) {
            case 0 -> offset;
            case 1 -> position + offset;
            case 2 -> size + offset;
            default -> -1;
        };
        if (target < 0 || target > Integer.MAX_VALUE - BUFFER_BYTES) {
            return -1;
        }
        position = (int) target;
        return target;
    }

    @Override
    public void close() {
        OPEN.remove(key.address());
        av_free(context.buffer());
        avio_context_free(context);
        key.close();
    }
}
