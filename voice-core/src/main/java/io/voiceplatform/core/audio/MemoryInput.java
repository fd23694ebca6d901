package io.voiceplatform.core.audio;

import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avformat.Seek_Pointer_long_int;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EXIT;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

/**
 * Bytes in the JVM read by FFmpeg as a seekable file, without copying them into native memory first. The read
 * answers "stop" once {@code cancelled} says so, which ends the demuxer's and decoder's work at the next read.
 * JavaCPP allows few native callbacks per type, so one pair serves every input, each found by its opaque key.
 */
final class MemoryInput implements AutoCloseable {
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int AVSEEK_SIZE = 0x10000;
    private static final int AVSEEK_FORCE = 0x20000;
    private static final Map<Long, MemoryInput> OPEN = new ConcurrentHashMap<>();
    private static final Read_packet_Pointer_BytePointer_int READ = new Read_packet_Pointer_BytePointer_int() {
        @Override
        public int call(Pointer opaque, BytePointer buffer, int size) {
            MemoryInput input = OPEN.get(opaque.address());
            return input == null ? AVERROR_EXIT : input.read(buffer, size);
        }
    };
    private static final Seek_Pointer_long_int SEEK = new Seek_Pointer_long_int() {
        @Override
        public long call(Pointer opaque, long offset, int whence) {
            MemoryInput input = OPEN.get(opaque.address());
            return input == null ? -1 : input.seek(offset, whence);
        }
    };

    private final byte[] data;
    private final BooleanSupplier cancelled;
    private final BytePointer key = new BytePointer(1);
    private final AVIOContext context;
    private int position;

    MemoryInput(byte[] data, BooleanSupplier cancelled) {
        this.data = data;
        this.cancelled = cancelled;
        OPEN.put(key.address(), this);
        this.context = avio_alloc_context(new BytePointer(av_malloc(BUFFER_BYTES)), BUFFER_BYTES, 0, key, READ, null, SEEK);
    }

    AVIOContext context() {
        return context;
    }

    private int read(BytePointer buffer, int size) {
        if (cancelled.getAsBoolean()) {
            return AVERROR_EXIT;
        }
        int n = Math.min(size, data.length - position);
        if (n <= 0) {
            return AVERROR_EOF;
        }
        buffer.position(0).put(data, position, n);
        position += n;
        return n;
    }

    private long seek(long offset, int whence) {
        int how = whence & ~AVSEEK_FORCE;
        if (how == AVSEEK_SIZE) {
            return data.length;
        }
        long target = switch (how) {
            case 0 -> offset;
            case 1 -> position + offset;
            case 2 -> data.length + offset;
            default -> -1;
        };
        if (target < 0 || target > data.length) {
            return -1;
        }
        position = (int) target;
        return target;
    }

    /** Frees the I/O context and its buffer (FFmpeg may have replaced the one given to it). */
    @Override
    public void close() {
        OPEN.remove(key.address());
        av_free(context.buffer());
        avio_context_free(context);
        key.close();
    }
}
