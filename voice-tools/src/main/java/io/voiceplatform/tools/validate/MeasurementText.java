package io.voiceplatform.tools.validate;

import java.util.Locale;

/** How measurements are written in the report and on the terminal. */
final class MeasurementText {
    private MeasurementText() {
    }

    static String withUnit(Double value, String unit) {
        if (value == null) {
            return "-";
        }
        return switch (unit) {
            case "ms" -> seconds(value);
            case "%" -> String.format(Locale.ROOT, "%.1f %%", value);
            case "MB" -> String.format(Locale.ROOT, "%.1f MB", value);
            default -> String.format(Locale.ROOT, "%.2f %s", value, unit);
        };
    }

    /** Milliseconds as seconds with three decimals: {@code 1.234 s}. */
    static String seconds(Double millis) {
        return millis == null ? "-" : String.format(Locale.ROOT, "%.3f s", millis / 1000.0);
    }

    static String fixed(Double value, int decimals) {
        return value == null ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
