package io.voiceplatform.tools.validate;

import java.util.function.Predicate;

/** Reads sample values out of Prometheus' text exposition format (what {@code GET /metrics} answers). */
final class PrometheusText {
    private PrometheusText() {
    }

    /**
     * The sum of every series of {@code name} whose label text (between the braces) passes {@code labels};
     * null when there is no such series.
     */
    static Double sum(String text, String name, Predicate<String> labels) {
        Double sum = null;
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#' || !line.startsWith(name)) {
                continue;
            }
            int at = name.length();
            if (at >= line.length()) {
                continue;
            }
            String labelText = "";
            char next = line.charAt(at);
            if (next == '{') {
                int close = closingBrace(line, at);
                if (close < 0) {
                    continue;
                }
                labelText = line.substring(at + 1, close);
                at = close + 1;
            } else if (next != ' ' && next != '\t') {
                continue;
            }
            if (!labels.test(labelText)) {
                continue;
            }
            String[] rest = line.substring(at).trim().split("\\s+");
            try {
                double value = Double.parseDouble(rest[0]);
                if (!Double.isNaN(value)) {
                    sum = (sum == null ? 0 : sum) + value;
                }
            } catch (NumberFormatException e) {
                // Not a sample line after all.
            }
        }
        return sum;
    }

    static Double value(String text, String name) {
        return sum(text, name, labels -> true);
    }

    /** The brace that closes the label set opened at {@code open}; label values are quoted and may hold braces. */
    private static int closingBrace(String line, int open) {
        boolean quoted = false;
        for (int i = open + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                return i;
            }
        }
        return -1;
    }
}
