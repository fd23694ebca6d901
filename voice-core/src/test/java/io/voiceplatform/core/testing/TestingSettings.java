package io.voiceplatform.core.testing;

import io.voiceplatform.core.config.CoreSettings;
import io.voiceplatform.core.config.HealthSettings;
import io.voiceplatform.core.config.LimitSettings;
import io.voiceplatform.core.config.PluginDirectories;
import io.voiceplatform.core.config.ResilienceSettings;
import io.voiceplatform.core.config.RoutingSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Core settings for tests: the production defaults, with short waits so tests stay fast. */
public final class TestingSettings {
    private TestingSettings() {
    }

    public static ResilienceSettings resilience() {
        return new ResilienceSettings(3, Duration.ofMillis(5), Duration.ofMillis(200), 2.0, 0.5,
                50f, 10, 100, 5, Duration.ofMillis(300), 3, Duration.ofMillis(300), ResilienceSettings.SlowProvider.OFF);
    }

    public static CoreSettings settings(List<String> stt, List<String> tts) {
        return settings(stt, tts, resilience(), Duration.ofSeconds(5));
    }

    /** @param timeout the deadline of each request, every attempt and fallback included */
    public static CoreSettings settings(List<String> stt, List<String> tts, ResilienceSettings resilience, Duration timeout) {
        return settings(stt, tts, resilience, new LimitSettings(25L * 1024 * 1024, 4096, timeout, "auto", 1024, Duration.ofSeconds(2)));
    }

    public static CoreSettings settings(List<String> stt, List<String> tts, ResilienceSettings resilience, LimitSettings limits) {
        return new CoreSettings(new RoutingSettings(stt, tts, true),
                limits,
                resilience,
                new HealthSettings(100, 0.95, 3, Duration.ofSeconds(4), 2, 5),
                new PluginDirectories(Path.of("no-providers-here"), Path.of("no-plugins-here")), Duration.ofSeconds(5), false);
    }
}
