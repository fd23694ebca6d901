package io.voiceplatform.api.plugin;

import java.util.Objects;

/**
 * A credential. It prints as a mask, so it cannot leak through a log line, an error or a config dump;
 * only {@link #reveal()} gives the value, at the point where it goes on the wire.
 */
public final class Secret {
    private static final Secret EMPTY = new Secret("");
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null || value.isEmpty() ? EMPTY : new Secret(value);
    }

    public static Secret empty() {
        return EMPTY;
    }

    public boolean isPresent() {
        return !value.isEmpty();
    }

    public String reveal() {
        return value;
    }

    /** The value with its characters masked, e.g. {@code sk-****}; empty stays empty. */
    public static String mask(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return value.length() > 8 ? value.substring(0, 3) + "****" : "****";
    }

    @Override
    public String toString() {
        return mask(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }
}
