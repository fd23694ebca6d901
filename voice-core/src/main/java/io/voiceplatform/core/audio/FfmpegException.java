package io.voiceplatform.core.audio;

/** An FFmpeg call failed; the message says what was being done and FFmpeg's reason, never a class name. */
final class FfmpegException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;

    FfmpegException(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    int code() {
        return code;
    }
}
