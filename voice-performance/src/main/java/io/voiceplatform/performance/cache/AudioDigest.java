package io.voiceplatform.performance.cache;

import io.voiceplatform.api.Audio;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of every byte of the audio: two clips share a cache entry only when they are the same clip (the
 * system this replaces hashed the first 100 characters, so different audio could collide).
 */
public final class AudioDigest {
    private AudioDigest() {
    }

    public static String of(Audio audio) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(audio.asByteBuffer());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
