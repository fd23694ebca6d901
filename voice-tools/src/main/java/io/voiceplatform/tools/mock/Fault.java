package io.voiceplatform.tools.mock;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The ways the fault provider can misbehave, as named on its command line and in its headers. */
public enum Fault {
    /** Answer normally. */
    NONE,
    /** 500 with an OpenAI error body. */
    ERROR_500,
    /** 503 with an OpenAI error body. */
    ERROR_503,
    /** 429 with Retry-After. */
    RATE_LIMIT,
    /** 401 with an OpenAI error body. */
    UNAUTHORIZED,
    /** Never answer; the connection stays open. */
    HANG,
    /** Send part of the body, then reset the connection. */
    RESET,
    /** Send the body one byte a second. */
    DRIP,
    /** 200 with a body that is not what was promised. */
    MALFORMED,
    /** 200 with an empty body. */
    EMPTY,
    /** 200 with a body of the wrong content type. */
    WRONG_TYPE;

    /** Accepts {@code 500}, {@code error-500}, {@code rate-limit}, {@code 429}, ... */
    public static Optional<Fault> parse(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (n) {
            case "ok", "none" -> Optional.of(NONE);
            case "500" -> Optional.of(ERROR_500);
            case "503" -> Optional.of(ERROR_503);
            case "429" -> Optional.of(RATE_LIMIT);
            case "401" -> Optional.of(UNAUTHORIZED);
            default -> Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(n)).findFirst();
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
