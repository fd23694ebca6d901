package io.voiceplatform.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Typed, validated reading of settings, the same for every module built on voice-core: each getter either
 * returns a valid value or throws an {@link InvalidConfigException} naming the key, the value, its origin
 * and the rule. Values from the environment arrive as text, so every getter also accepts text.
 */
public final class SettingsReader {
    private static final Pattern BARE_NUMBER = Pattern.compile("\\d+(\\.\\d+)?");

    private final Config config;

    public SettingsReader(Config config) {
        this.config = config;
    }

    /** true/false, yes/no, on/off, 1/0, in any case. */
    public boolean getBoolean(String path) {
        return switch (scalar(path).strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw invalid(path, "is not a boolean (true/false, yes/no, on/off, 1/0)");
        };
    }

    /** A whole number from {@code min} to {@code max}, both included. */
    public int getInt(String path, int min, int max) {
        String rule = "is not a whole number " + range(min, max, Integer.MAX_VALUE);
        try {
            long value = new BigDecimal(scalar(path).strip()).longValueExact();
            if (value < min || value > max) {
                throw invalid(path, rule);
            }
            return (int) value;
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(path, rule);
        }
    }

    /** A number from {@code min} to {@code max}, both included. */
    public double getDouble(String path, double min, double max) {
        String rule = "is not a number " + range(min, max, Double.MAX_VALUE);
        try {
            double value = new BigDecimal(scalar(path).strip()).doubleValue();
            if (value < min || value > max) {
                throw invalid(path, rule);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(path, rule);
        }
    }

    /**
     * A duration of at least 1 ms, written the HOCON way ({@code 500ms}, {@code 30s}, {@code 2m}) or as a bare
     * number in {@code bareNumberUnit}, the unit the key documents (legacy variables such as
     * {@code VOICE_PROCESSING_TIMEOUT=30} are bare numbers).
     */
    public Duration getDuration(String path, ChronoUnit bareNumberUnit) {
        String text = scalar(path).strip();
        String rule = "is not a duration of at least 1ms such as 500ms, 30s or 2m (a bare number counts as "
                + bareNumberUnit.toString().toLowerCase(Locale.ROOT) + ")";
        Duration duration;
        try {
            duration = BARE_NUMBER.matcher(text).matches()
                    ? Duration.ofNanos(new BigDecimal(text).multiply(BigDecimal.valueOf(bareNumberUnit.getDuration().toNanos()))
                    .longValueExact())
                    : config.getDuration(path);
        } catch (ConfigException | ArithmeticException e) {
            throw invalid(path, rule);
        }
        if (duration.compareTo(Duration.ofMillis(1)) < 0) {
            throw invalid(path, rule);
        }
        return duration;
    }

    /** A size in bytes: a bare number, or with a unit such as {@code 64MB}, {@code 512K}, {@code 1GiB}. */
    public long getBytes(String path) {
        value(path);
        try {
            long bytes = config.getBytes(path);
            if (bytes >= 0) {
                return bytes;
            }
        } catch (ConfigException e) {
            // reported below, with the value and its origin
        }
        throw invalid(path, "is not a size in bytes such as 64MB");
    }

    /** The value as text; a list or an object is an error. */
    public String getString(String path) {
        return scalar(path);
    }

    /** One of {@code allowed}, matched in any case; returns the allowed spelling. */
    public String getString(String path, List<String> allowed) {
        String text = scalar(path).strip();
        return allowed.stream().filter(text::equalsIgnoreCase).findFirst()
                .orElseThrow(() -> invalid(path, "is not one of " + String.join(", ", allowed)));
    }

    /** A list, or text with comma-separated items (as an environment variable gives it); blank items dropped. */
    public List<String> getStringList(String path) {
        ConfigValue value = value(path);
        if (value.valueType() == ConfigValueType.LIST) {
            List<?> items = (List<?>) value.unwrapped();
            if (items.stream().anyMatch(item -> item instanceof List || item instanceof Map)) {
                throw invalid(path, "is not a list of names");
            }
            return items.stream().map(item -> String.valueOf(item).strip()).filter(s -> !s.isEmpty()).toList();
        }
        return Arrays.stream(scalar(path).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** An error about the current value of a path, for rules a getter cannot check alone. */
    public InvalidConfigException invalid(String path, String rule) {
        ConfigValue value = value(path);
        return InvalidConfigException.badValue(path, VoiceConfig.plainText(value), OriginDescription.of(value.origin()), rule);
    }

    private String scalar(String path) {
        ConfigValue value = value(path);
        if (value.valueType() == ConfigValueType.LIST || value.valueType() == ConfigValueType.OBJECT) {
            throw invalid(path, "is not a single value");
        }
        return String.valueOf(value.unwrapped());
    }

    private ConfigValue value(String path) {
        try {
            if (!config.hasPath(path)) {
                throw notSet(path);
            }
            return config.getValue(path);
        } catch (ConfigException e) {
            throw InvalidConfigException.of(e);
        }
    }

    /** Names the value that hides the path when there is one (e.g. {@code voice.limits = 5}). */
    private InvalidConfigException notSet(String path) {
        List<String> elements = ConfigUtil.splitPath(path);
        for (int i = elements.size() - 1; i > 0; i--) {
            String ancestor = ConfigUtil.joinPath(elements.subList(0, i));
            if (config.hasPath(ancestor)) {
                ConfigValue value = config.getValue(ancestor);
                return InvalidConfigException.badValue(ancestor, VoiceConfig.plainText(value), OriginDescription.of(value.origin()),
                        "is a single value where a section holding " + path + " is expected");
            }
        }
        return new InvalidConfigException(path + " is not set, and no reference.conf gives it a default");
    }

    private static String range(Number min, Number max, Number unbounded) {
        return max.equals(unbounded) ? ">= " + plain(min) : "between " + plain(min) + " and " + plain(max);
    }

    private static String plain(Number n) {
        return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
    }
}
