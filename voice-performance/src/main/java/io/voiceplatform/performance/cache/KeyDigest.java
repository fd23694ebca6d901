package io.voiceplatform.performance.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * SHA-256 of a cache key's fields, as the name of its entry in the shared level. Every field is written with
 * its length or presence first, so that no two different keys give the same bytes ("ab"+"c" vs "a"+"bc").
 */
final class KeyDigest {
    private final MessageDigest digest;

    /** @param schema names the key's kind and field layout; a changed layout takes a new schema, so old entries are not read */
    KeyDigest(String schema) {
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        add(schema);
    }

    KeyDigest add(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
        return this;
    }

    KeyDigest add(Optional<String> value) {
        digest.update((byte) (value.isPresent() ? 1 : 0));
        value.ifPresent(this::add);
        return this;
    }

    KeyDigest add(double value) {
        digest.update(ByteBuffer.allocate(8).putDouble(value).array());
        return this;
    }

    String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
