package io.voiceplatform.performance.cache.redis;

import io.voiceplatform.api.plugin.Secret;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * Values in the shared level carry an HMAC-SHA256 of their key and bytes, keyed by the replicas' shared secret: an
 * entry written by anyone without the secret, or copied from another key, opens to nothing and counts as a miss.
 * A checksum would not do: anyone who can write to Redis can recompute one.
 */
final class SealedValues {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int TAG_BYTES = 32;

    private final SecretKeySpec key;

    SealedValues(Secret secret) {
        if (!secret.isPresent()) {
            throw new IllegalArgumentException("the shared level needs a secret");
        }
        this.key = new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** {@code value} followed by the MAC of {@code name} and {@code value}. */
    byte[] seal(String name, byte[] value) {
        byte[] sealed = Arrays.copyOf(value, value.length + TAG_BYTES);
        System.arraycopy(tag(name, value, value.length), 0, sealed, value.length, TAG_BYTES);
        return sealed;
    }

    /** The value, when its MAC is the one the secret gives for {@code name}; empty otherwise. */
    Optional<byte[]> open(String name, byte[] sealed) {
        if (sealed.length < TAG_BYTES) {
            return Optional.empty();
        }
        int length = sealed.length - TAG_BYTES;
        byte[] expected = tag(name, sealed, length);
        byte[] actual = Arrays.copyOfRange(sealed, length, sealed.length);
        return MessageDigest.isEqual(expected, actual) ? Optional.of(Arrays.copyOf(sealed, length)) : Optional.empty();
    }

    private byte[] tag(String name, byte[] value, int length) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
            mac.update(java.nio.ByteBuffer.allocate(4).putInt(nameBytes.length).array());
            mac.update(nameBytes);
            mac.update(value, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
