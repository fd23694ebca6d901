package io.voiceplatform.performance.cache.redis;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Writes a stored value: a kind byte and a format version, then the fields; strings and byte arrays carry their
 * length. The shared level seals the whole with a MAC ({@link SealedValues}), so a damaged value never gets here.
 */
final class ValueOutput {
    private final ByteArrayOutputStream bytes;
    private final DataOutputStream out;

    ValueOutput(byte kind, byte version, int sizeHint) {
        this.bytes = new ByteArrayOutputStream(sizeHint + 64);
        this.out = new DataOutputStream(bytes);
        write(() -> {
            out.writeByte(kind);
            out.writeByte(version);
        });
    }

    ValueOutput string(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    ValueOutput bytes(byte[] value) {
        return write(() -> {
            out.writeInt(value.length);
            out.write(value);
        });
    }

    ValueOutput int32(int value) {
        return write(() -> out.writeInt(value));
    }

    ValueOutput float64(double value) {
        return write(() -> out.writeDouble(value));
    }

    ValueOutput bool(boolean value) {
        return write(() -> out.writeBoolean(value));
    }

    ValueOutput duration(Duration value) {
        return write(() -> {
            out.writeLong(value.getSeconds());
            out.writeInt(value.getNano());
        });
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }

    private ValueOutput write(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return this;
    }

    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }
}
