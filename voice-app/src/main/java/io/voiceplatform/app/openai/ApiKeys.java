package io.voiceplatform.app.openai;

import io.voiceplatform.api.plugin.Secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * The keys callers must present as {@code Authorization: Bearer <key>}. Compared in constant time over
 * a digest, so neither the content nor the length of a key leaks through timing.
 */
final class ApiKeys {
    private final List<byte[]> digests;

    ApiKeys(List<Secret> keys) {
        this.digests = keys.stream().filter(Secret::isPresent).map(k -> sha256(k.reveal())).toList();
    }

    boolean required() {
        return !digests.isEmpty();
    }

    /** The key presented, when it is one of ours. */
    Optional<String> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String key = authorization.substring(7).trim();
        byte[] presented = sha256(key);
        boolean match = false;
        for (byte[] digest : digests) {
            match |= MessageDigest.isEqual(digest, presented);
        }
        return match ? Optional.of(key) : Optional.empty();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
