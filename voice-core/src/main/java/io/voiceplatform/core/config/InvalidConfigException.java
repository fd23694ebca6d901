package io.voiceplatform.core.config;

import com.typesafe.config.ConfigException;

/**
 * A configuration problem that stops start-up, described in one line: the key, its value (masked when it is
 * a credential), where the value came from and the rule it breaks, e.g.
 * {@code voice.limits.max-file-size-mb = 'abc' (environment VOICE_MAX_FILE_SIZE_MB) is not a whole number}.
 * Typesafe Config's own failures (unreadable file, syntax error) reach callers as this type too, so a launcher
 * reports every configuration failure with one {@code catch}, as one line, without a stack trace.
 */
public final class InvalidConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message one line, already naming the key, value and origin */
    public InvalidConfigException(String message) {
        super(message);
    }

    private InvalidConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A value that breaks a rule; {@code rule} reads after the value, e.g. {@code is not a whole number}. */
    public static InvalidConfigException badValue(String key, String value, String origin, String rule) {
        return new InvalidConfigException(key + " = '" + DisplayValue.of(key, value) + "' (" + origin + ") " + rule);
    }

    /** Typesafe Config's own failure (unreadable file, syntax error, unresolved substitution) as one line. */
    static InvalidConfigException of(ConfigException e) {
        return new InvalidConfigException(String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " "), e);
    }
}
