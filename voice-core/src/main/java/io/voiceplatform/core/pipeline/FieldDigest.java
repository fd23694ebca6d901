package io.voiceplatform.core.pipeline;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * SHA-256 over a task's fields, as its fingerprint. Every field is written with its length or presence first,
 * so that no two different tasks give the same bytes ("ab"+"c" vs "a"+"bc"); audio goes in whole, every byte
 * (the system this replaces hashed the first 100 characters, so different audio could collide).
 */
final class FieldDigest {
    private final MessageDigest digest;

    /** @param schema names the task's kind and field layout; a changed layout takes a new schema */
    FieldDigest(String schema) {
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        add(schema);
    }

    FieldDigest add(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
        return this;
    }

    FieldDigest add(Optional<String> value) {
        digest.update((byte) (value.isPresent() ? 1 : 0));
        value.ifPresent(this::add);
        return this;
    }

    FieldDigest add(double value) {
        digest.update(ByteBuffer.allocate(8).putDouble(value).array());
        return this;
    }

    FieldDigest add(int value) {
        digest.update(ByteBuffer.allocate(4).putInt(value).array());
        return this;
    }

    FieldDigest add(ByteBuffer bytes) {
        add(bytes.remaining());
        digest.update(bytes);
        return this;
    }

    String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
