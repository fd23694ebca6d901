package io.voiceplatform.performance.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The connection limits in force, and which of them differ from the configured values (for `voice config`). */
class TestConnectionLimits {
    private static ConnectionLimits limits(Config config) {
        return ConnectionLimits.of(PerformanceSettings.from(config), config);
    }

    private static Config config(String explicit) {
        return ConfigFactory.parseString(explicit).withFallback(ConfigFactory.defaultReference()).resolve();
    }

    @Test
    void theLevelsPresetsReplaceTheDefaultsAndAreReportedAsDiffering() {
        Config config = config("voice.performance.level = aggressive");
        ConnectionLimits limits = limits(config);
        assertEquals(new ConnectionLimits(150, 50), limits);
        assertEquals(Map.of(ConnectionLimits.MAX_CONNECTIONS, "150", ConnectionLimits.MAX_PER_HOST, "50"),
                limits.differingFrom(PerformanceSettings.from(config).http()));
    }

    @Test
    void anExplicitValueWinsOverThePresetAndIsNotReported() {
        Config config = config("voice.performance.level = basic\nvoice.performance.http.max-per-host = 7");
        ConnectionLimits limits = limits(config);
        assertEquals(new ConnectionLimits(50, 7), limits);
        assertEquals(Map.of(ConnectionLimits.MAX_CONNECTIONS, "50"), limits.differingFrom(PerformanceSettings.from(config).http()));
    }

    @Test
    void monitoringOnlyKeepsTheConfiguredValues() {
        Config config = config("voice.performance.level = monitoring-only");
        assertEquals(new ConnectionLimits(100, 5), limits(config));
        assertEquals(Map.of(), limits(config).differingFrom(PerformanceSettings.from(config).http()));
    }

    @Test
    void thePerHostLimitIsNeverAboveThePool() {
        Config config = config("voice.performance.http.max-connections = 3\nvoice.performance.http.max-per-host = 9");
        assertEquals(new ConnectionLimits(3, 3), limits(config));
        assertEquals(Map.of(ConnectionLimits.MAX_PER_HOST, "3"), limits(config).differingFrom(PerformanceSettings.from(config).http()));
    }
}
