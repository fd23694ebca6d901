package io.voiceplatform.tools.mock;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the fault provider does with a request: how long it waits before answering and, for the given
 * share of requests, which fault it plays instead of a normal answer.
 *
 * @param minLatency shortest wait before answering
 * @param maxLatency longest wait (equal to the shortest for a fixed latency)
 * @param failRate   share of requests, 0..1, that get {@code fault}
 * @param fault      the fault played on failing requests
 * @param retryAfter seconds sent with 429
 */
public record FaultPlan(Duration minLatency, Duration maxLatency, double failRate, Fault fault, int retryAfter) {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s)?");

    public FaultPlan {
        if (minLatency.isNegative() || maxLatency.compareTo(minLatency) < 0) {
            throw new IllegalArgumentException("latency range must be 0 <= min <= max");
        }
        if (!(failRate >= 0 && failRate <= 1)) {
            throw new IllegalArgumentException("fail rate must be between 0 and 1");
        }
    }

    public static FaultPlan healthy() {
        return new FaultPlan(Duration.ZERO, Duration.ZERO, 0, Fault.NONE, 1);
    }

    /** {@code 50ms} for a fixed latency, {@code 20ms..200ms} for a uniformly random one. */
    public static Duration[] parseLatency(String text) {
        String[] parts = text.trim().split("\\.\\.");
        Duration min = duration(parts[0]);
        Duration max = parts.length > 1 ? duration(parts[1]) : min;
        return new Duration[]{min, max};
    }

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use 50ms or 2s)");
        }
        double amount = Double.parseDouble(m.group(1));
        return Duration.ofNanos(Math.round(amount * ("s".equals(m.group(2)) ? 1e9 : 1e6)));
    }

    Duration nextLatency() {
        if (maxLatency.equals(minLatency)) {
            return minLatency;
        }
        return Duration.ofNanos(ThreadLocalRandom.current().nextLong(minLatency.toNanos(), maxLatency.toNanos() + 1));
    }

    Fault nextFault() {
        return failRate > 0 && ThreadLocalRandom.current().nextDouble() < failRate ? fault : Fault.NONE;
    }
}
