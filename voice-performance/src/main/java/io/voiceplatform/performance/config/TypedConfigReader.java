package io.voiceplatform.performance.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.voiceplatform.api.plugin.ProviderSettings;
import io.voiceplatform.api.plugin.Secret;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Typed, validated reading of settings from Typesafe Config, by the same rules and with the same one-line
 * errors as voice-core's {@code SettingsReader}: this module may depend on voice-api only, so it cannot use
 * that class. A bad value throws an {@link IllegalArgumentException} naming the key, the value (credentials
 * and URI passwords masked), where it came from and the rule it breaks.
 */
final class TypedConfigReader {
    private static final Pattern BARE_NUMBER = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern URI_USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

    private final Config config;

    TypedConfigReader(Config config) {
        this.config = config;
    }

    /** true/false, yes/no, on/off, 1/0, in any case. */
    boolean getBoolean(String path) {
        return switch (scalar(path).strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw invalid(path, "is not a boolean (true/false, yes/no, on/off, 1/0)");
        };
    }

    /** A whole number of at least {@code min}. */
    int getInt(String path, int min) {
        try {
            long value = new BigDecimal(scalar(path).strip()).longValueExact();
            if (value >= min && value <= Integer.MAX_VALUE) {
                return (int) value;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw invalid(path, "is not a whole number >= " + min);
    }

    /** A number from 0 to 1, both included. */
    double getFraction(String path) {
        try {
            double value = new BigDecimal(scalar(path).strip()).doubleValue();
            if (value >= 0 && value <= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(path, "is not a number between 0 and 1");
    }

    /** A duration of at least 1 ms: {@code 500ms}, {@code 30s}, {@code 2m}, or a bare number in {@code bareNumberUnit}. */
    Duration getDuration(String path, ChronoUnit bareNumberUnit) {
        String text = scalar(path).strip();
        Duration duration = null;
        try {
            duration = BARE_NUMBER.matcher(text).matches()
                    ? Duration.ofNanos(new BigDecimal(text).multiply(BigDecimal.valueOf(bareNumberUnit.getDuration().toNanos()))
                    .longValueExact())
                    : config.getDuration(path);
        } catch (ConfigException | ArithmeticException e) {
            // reported below
        }
        if (duration == null || duration.compareTo(Duration.ofMillis(1)) < 0) {
            throw invalid(path, "is not a duration of at least 1ms such as 500ms, 30s or 2m (a bare number counts as "
                    + bareNumberUnit.toString().toLowerCase(Locale.ROOT) + ")");
        }
        return duration;
    }

    /** A size in bytes: a bare number, or with a unit such as 64MB, 512K, 1GiB. */
    long getBytes(String path) {
        try {
            long bytes = config.getBytes(path);
            if (bytes >= 0) {
                return bytes;
            }
        } catch (com.typesafe.config.ConfigException e) {
            // reported below with the value and its origin
        }
        throw invalid(path, "is not a size in bytes such as 64MB");
    }

    String getString(String path) {
        return scalar(path);
    }

    /** One of {@code allowed}, matched in any case; returns the allowed spelling. */
    String getString(String path, List<String> allowed) {
        String text = scalar(path).strip();
        return allowed.stream().filter(text::equalsIgnoreCase).findFirst()
                .orElseThrow(() -> invalid(path, "is not one of " + String.join(", ", allowed)));
    }

    /** An error about the current value of a path, for rules a getter cannot check alone. */
    IllegalArgumentException invalid(String path, String rule) {
        ConfigValue value = value(path);
        return new IllegalArgumentException(path + " = '" + shown(path, String.valueOf(value.unwrapped())) + "' ("
                + describe(value.origin()) + ") " + rule);
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
                throw new IllegalArgumentException(path + " is not set, and no reference.conf gives it a default");
            }
            return config.getValue(path);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String shown(String path, String raw) {
        if (ProviderSettings.isSecretKey(path)) {
            return Secret.mask(raw);
        }
        return URI_USER_INFO.matcher(raw).replaceAll("****@").replaceAll("\\p{Cntrl}", "?");
    }

    /** As voice-core describes origins; environment, .env and system-property values carry their description. */
    private static String describe(ConfigOrigin origin) {
        String line = origin.lineNumber() > 0 ? ":" + origin.lineNumber() : "";
        if ("reference.conf".equals(origin.resource())) {
            return "default (reference.conf)";
        }
        if (origin.filename() != null) {
            return "file " + origin.filename() + line;
        }
        return origin.resource() != null ? "class path " + origin.resource() + line : origin.description();
    }
}
