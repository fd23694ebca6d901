package io.voiceplatform.core.health;

/**
 * Whether the performance module was asked for, whether it could be installed, and at which level.
 *
 * @param requested the toggle {@code voice.performance.enabled}
 * @param installed a performance module was found and installed
 * @param level     its level ({@code voice.performance.level}), or {@code off} when it is not installed
 */
public record PerformanceStatus(boolean requested, boolean installed, String level) {
    public static final String OFF = "off";

    /** Not installed, whether or not it was asked for. */
    public static PerformanceStatus notInstalled(boolean requested) {
        return new PerformanceStatus(requested, false, OFF);
    }
}
