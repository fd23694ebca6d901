package io.voiceplatform.core.config;

/**
 * One effective setting, safe to print.
 *
 * @param key    full path, e.g. {@code voice.limits.max-file-size-mb}
 * @param value  the value as text, masked when the key names a credential
 * @param origin where it came from, e.g. {@code environment VOICE_MAX_FILE_SIZE_MB}
 */
public record ConfigEntry(String key, String value, String origin) {
}
