package io.voiceplatform.tools.validate;

/**
 * One target held against what was measured.
 *
 * @param name     what is checked, e.g. {@code STT p95 latency}
 * @param area     latency, success, cache or resource: decides whether a near miss is allowed
 * @param bound    whether the measurement must stay at most or at least at the target
 * @param target   the target, in {@code unit}
 * @param measured the measurement, in {@code unit}; null when it could not be made
 * @param unit     {@code ms}, {@code %} or {@code MB}
 * @param note     why it could not be measured, or how it was measured
 */
record Check(String name, Area area, Bound bound, double target, Double measured, String unit, String note) {
    /** Share of the target by which a latency, cache or resource target may be missed for NEEDS_OPTIMIZATION. */
    static final double MARGIN = 0.20;

    enum Area { LATENCY, SUCCESS, CACHE, RESOURCE }

    enum Bound { AT_MOST, AT_LEAST }

    enum Status {
        PASS, NEAR_MISS, MISS, NOT_MEASURED;

        String label() {
            return switch (this) {
                case PASS -> "pass";
                case NEAR_MISS -> "missed (within 20 %)";
                case MISS -> "missed";
                case NOT_MEASURED -> "not measured";
            };
        }
    }

    static Check atMost(String name, Area area, double target, Double measured, String unit, String note) {
        return new Check(name, area, Bound.AT_MOST, target, measured, unit, note);
    }

    static Check atLeast(String name, Area area, double target, Double measured, String unit, String note) {
        return new Check(name, area, Bound.AT_LEAST, target, measured, unit, note);
    }

    Status status() {
        if (measured == null || measured.isNaN()) {
            return Status.NOT_MEASURED;
        }
        boolean met = bound == Bound.AT_MOST ? measured <= target : measured >= target;
        if (met) {
            return Status.PASS;
        }
        if (area == Area.SUCCESS) {
            return Status.MISS;
        }
        boolean near = bound == Bound.AT_MOST ? measured <= target * (1 + MARGIN) : measured >= target * (1 - MARGIN);
        return near ? Status.NEAR_MISS : Status.MISS;
    }

    String targetText() {
        return (bound == Bound.AT_MOST ? "<= " : ">= ") + MeasurementText.withUnit(target, unit);
    }

    String measuredText() {
        return measured == null ? "not measured" : MeasurementText.withUnit(measured, unit);
    }
}
