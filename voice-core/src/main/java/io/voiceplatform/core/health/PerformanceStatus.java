package io.voiceplatform.core.health;

/**
 * Whether the performance module was asked for, and whether it could be installed.
 *
 * @param requested the toggle {@code voice.performance.enabled}
 * @param installed a performance module was found on the class path and installed
 */
public record PerformanceStatus(boolean requested, boolean installed) {
}
