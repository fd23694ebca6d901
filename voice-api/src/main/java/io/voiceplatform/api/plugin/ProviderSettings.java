package io.voiceplatform.api.plugin;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A provider's configuration section ({@code voice.providers.<id>}) as plain values, so that plugins
 * need no configuration library. Keys are relative to the section, e.g. {@code api-key}, {@code base-url}.
 * Typed getters fail with an {@link IllegalArgumentException} that names the full key.
 */
public final class ProviderSettings {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|millis|seconds|minutes|hours)?");
    private static final List<String> SECRET_MARKERS = List.of("key", "secret", "token", "password", "credential");

    private final String section;
    private final Map<String, String> values;

    public ProviderSettings(String section, Map<String, String> values) {
        this.section = section;
        this.values = Map.copyOf(new TreeMap<>(values));
    }

    /** Whether a key names a credential; such values are masked wherever settings are shown. */
    public static boolean isSecretKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_MARKERS.stream().anyMatch(lower::contains);
    }

    /** The full path of this section, e.g. {@code voice.providers.openai}. */
    public String section() {
        return section;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    public String getString(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    public Secret getSecret(String key) {
        return Secret.of(get(key).orElse(""));
    }

    public int getInt(String key, int defaultValue) {
        return get(key).map(v -> {
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw bad(key, v, "a whole number");
            }
        }).orElse(defaultValue);
    }

    public double getDouble(String key, double defaultValue) {
        return get(key).map(v -> {
            try {
                return Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                throw bad(key, v, "a number");
            }
        }).orElse(defaultValue);
    }

    /** true/false/yes/no/on/off/1/0 in any case. */
    public boolean getBoolean(String key, boolean defaultValue) {
        return get(key).map(v -> switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw bad(key, v, "a boolean (true/false/yes/no/on/off/1/0)");
        }).orElse(defaultValue);
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code PT30S}, or a bare number of milliseconds. */
    public Duration getDuration(String key, Duration defaultValue) {
        return get(key).map(v -> parseDuration(key, v.trim())).orElse(defaultValue);
    }

    /** A comma-separated list. */
    public List<String> getList(String key) {
        return get(key).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    /** Every key, with credentials masked: safe to print. */
    public Map<String, String> masked() {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, isSecretKey(k) ? Secret.mask(v) : v));
        return out;
    }

    private Duration parseDuration(String key, String v) {
        if (v.startsWith("P") || v.startsWith("p")) {
            try {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw bad(key, v, "a duration such as 500ms, 30s or 2m");
            }
        }
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
            throw bad(key, v, "a duration such as 500ms, 30s or 2m");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        double millis = switch (unit) {
            case "s", "seconds" -> amount * 1000;
            case "m", "minutes" -> amount * 60_000;
            case "h", "hours" -> amount * 3_600_000;
            default -> amount;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    private IllegalArgumentException bad(String key, String value, String rule) {
        String shown = isSecretKey(key) ? Secret.mask(value) : value;
        return new IllegalArgumentException(section + "." + key + " = '" + shown + "' is not " + rule);
    }

    @Override
    public String toString() {
        return section + masked();
    }
}
