package io.voiceplatform.core.audio;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;

/**
 * FFmpeg's native libraries, loaded on first use (JavaCPP unpacks them into its cache directory once), with
 * FFmpeg's own logging silenced: its warnings about a damaged file would go to the process's stderr, and the
 * caller learns what went wrong from the exception instead.
 */
final class Ffmpeg {
    static {
        avutil.av_log_set_level(avutil.AV_LOG_QUIET);
    }

    private Ffmpeg() {
    }

    /** Loads the libraries now, so that the first request does not pay for it. */
    static void load() {
        // The static initializer did the work.
    }

    /**
     * {@code result} when it is not an error code; a {@link CancellationException} when the read was told to stop;
     * else an {@link FfmpegException} saying what failed and why.
     */
    static int check(int result, String doing) {
        if (result == avutil.AVERROR_EXIT) {
            throw new CancellationException("decoding was abandoned");
        }
        if (result < 0) {
            throw new FfmpegException(result, doing + ": " + describe(result));
        }
        return result;
    }

    /** FFmpeg's own text for an error code, such as "Invalid data found when processing input". */
    static String describe(int error) {
        try (BytePointer text = new BytePointer(256)) {
            if (avutil.av_strerror(error, text, 256) < 0) {
                return "error " + error;
            }
            byte[] bytes = new byte[256];
            text.get(bytes);
            int end = 0;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            return new String(bytes, 0, end, StandardCharsets.UTF_8);
        }
    }
}
