package io.voiceplatform.performance.cache.redis;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads what {@link ValueOutput} wrote, after its MAC was checked. Any mismatch (kind, version, a length past the
 * end, bytes left over) throws {@link CorruptValueException} before a field is misread.
 */
final class ValueInput {
    private final ByteBuffer buffer;

    ValueInput(byte[] value, byte kind, byte version) throws CorruptValueException {
        if (value.length < 2) {
            throw new CorruptValueException("too short: " + value.length + " bytes");
        }
        this.buffer = ByteBuffer.wrap(value);
        if (buffer.get() != kind || buffer.get() != version) {
            throw new CorruptValueException("another kind or format version");
        }
    }

    String string() throws CorruptValueException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes())).toString();
        } catch (CharacterCodingException e) {
            throw new CorruptValueException("a string is not UTF-8");
        }
    }

    byte[] bytes() throws CorruptValueException {
        int length = int32();
        if (length < 0 || length > buffer.remaining()) {
            throw new CorruptValueException("a length of " + length + " with " + buffer.remaining() + " bytes left");
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }

    int int32() throws CorruptValueException {
        need(4);
        return buffer.getInt();
    }

    double float64() throws CorruptValueException {
        need(8);
        return buffer.getDouble();
    }

    boolean bool() throws CorruptValueException {
        need(1);
        byte b = buffer.get();
        if (b != 0 && b != 1) {
            throw new CorruptValueException("a boolean of " + b);
        }
        return b == 1;
    }

    Duration duration() throws CorruptValueException {
        need(12);
        long seconds = buffer.getLong();
        int nanos = buffer.getInt();
        if (nanos < 0 || nanos > 999_999_999) {
            throw new CorruptValueException("nanoseconds of " + nanos);
        }
        return Duration.ofSeconds(seconds, nanos);
    }

    /** Every field has been read: nothing may be left. */
    void end() throws CorruptValueException {
        if (buffer.hasRemaining()) {
            throw new CorruptValueException(buffer.remaining() + " bytes left over");
        }
    }

    private void need(int bytes) throws CorruptValueException {
        if (buffer.remaining() < bytes) {
            throw new CorruptValueException("ends early");
        }
    }

    /** A stored value that cannot be read back as written; the caller treats it as a miss. */
    static final class CorruptValueException extends Exception {
        CorruptValueException(String message) {
            super(message, null, false, false);
        }
    }
}
