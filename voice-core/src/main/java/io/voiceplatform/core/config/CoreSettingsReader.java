package io.voiceplatform.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import io.voiceplatform.api.Language;
import io.voiceplatform.api.VoiceException;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the validated {@link CoreSettings} from the {@code voice.*} keys of voice-core's reference.conf. */
public final class CoreSettingsReader {
    /** Settings of an agent framework that the system we replace also read; accepted, without effect here. */
    private static final String AGENT_FRAMEWORK_SECTION = "voice.langgraph";
    private static final String PROVIDERS = "voice.providers";

    private static final int MAX = Integer.MAX_VALUE;
    private static final long MEGABYTE = 1024L * 1024L;
    // Audio is held in one byte array, whose length is an int.
    private static final int MAX_FILE_SIZE_MB = (int) (Integer.MAX_VALUE / MEGABYTE);

    private CoreSettingsReader() {
    }

    /** Keys that moved, old name to new; a value set under the old name still counts, with a warning at start-up. */
    private static final Map<String, String> RENAMED = Map.of(
            "voice.server.max-in-flight", "voice.limits.max-in-flight",
            "voice.server.in-flight-wait", "voice.limits.in-flight-wait");

    /** The settings, or an {@link InvalidConfigException} for the first value that breaks a rule. */
    public static CoreSettings read(VoiceConfig config) {
        SettingsReader reader = new SettingsReader(config.config());
        return new CoreSettings(routing(reader), limits(reader, config), resilience(reader), health(reader),
                pluginDirectories(reader, config.sources().workingDir()),
                reader.getDuration("voice.lifecycle.provider-close-timeout", ChronoUnit.SECONDS),
                reader.getBoolean("voice.performance.enabled"));
    }

    /**
     * Only the plugin directories, for what must find the plugins without validating the rest, such as
     * {@code voice config}.
     */
    public static PluginDirectories pluginDirectories(VoiceConfig config) {
        return pluginDirectories(new SettingsReader(config.config()), config.sources().workingDir());
    }

    /**
     * Whether any {@code voice.langgraph.*} key was given a value (by file, environment or property), so that
     * start-up can warn once that these agent-framework settings do nothing here.
     */
    public static boolean agentFrameworkSettingsPresent(VoiceConfig config) {
        return config.leaves().stream().map(Map.Entry::getKey)
                .anyMatch(key -> key.startsWith(AGENT_FRAMEWORK_SECTION + ".") && config.isExplicitlySet(key));
    }

    /** Old key names given a value, each with the name it has now. */
    public static Map<String, String> renamedKeys(VoiceConfig config) {
        Map<String, String> used = new java.util.TreeMap<>();
        RENAMED.forEach((old, current) -> {
            if (config.isExplicitlySet(old)) {
                used.put(old, current);
            }
        });
        return used;
    }

    /** The key to read a renamed setting from: the old name when only it was given a value. */
    private static String current(VoiceConfig config, String path) {
        return RENAMED.entrySet().stream()
                .filter(e -> e.getValue().equals(path) && config.isExplicitlySet(e.getKey()) && !config.isExplicitlySet(path))
                .map(Map.Entry::getKey).findFirst().orElse(path);
    }

    /**
     * Keys under {@code voice.} that no reference.conf declares, most likely typos, sorted. Sections
     * {@code voice.providers.<id>} of providers without a reference.conf (third-party plugins) are not judged.
     */
    public static List<String> unknownKeys(VoiceConfig config) {
        Config reference = config.reference();
        return config.leaves().stream().map(Map.Entry::getKey)
                .filter(path -> !reference.hasPathOrNull(path) && !isUndeclaredProviderSection(path, reference)
                        && !RENAMED.containsKey(path))
                .toList();
    }

    private static boolean isUndeclaredProviderSection(String path, Config reference) {
        List<String> elements = ConfigUtil.splitPath(path);
        return path.startsWith(PROVIDERS + ".") && elements.size() > 3
                && !reference.hasPathOrNull(ConfigUtil.joinPath(elements.subList(0, 3)));
    }

    private static RoutingSettings routing(SettingsReader reader) {
        return new RoutingSettings(providerOrder(reader, "stt"), providerOrder(reader, "tts"),
                reader.getBoolean("voice.routing.pinned-fallback"));
    }

    /** {@code voice.<op>.providers} with {@code voice.<op>.default-provider}, when set, moved (or added) first. */
    private static List<String> providerOrder(SettingsReader reader, String operation) {
        String listPath = "voice." + operation + ".providers";
        String defaultProvider = reader.getString("voice." + operation + ".default-provider").strip();
        Set<String> order = new LinkedHashSet<>();
        if (!defaultProvider.isEmpty()) {
            order.add(defaultProvider);
        }
        order.addAll(reader.getStringList(listPath));
        if (order.isEmpty()) {
            throw reader.invalid(listPath, "names no provider; list at least one, e.g. [\"local\"]");
        }
        return new ArrayList<>(order);
    }

    private static LimitSettings limits(SettingsReader reader, VoiceConfig config) {
        long maxAudioBytes = reader.getInt("voice.limits.max-file-size-mb", 1, MAX_FILE_SIZE_MB) * MEGABYTE;
        return new LimitSettings(maxAudioBytes, reader.getInt("voice.limits.max-text-chars", 1, MAX),
                reader.getDuration("voice.limits.processing-timeout", ChronoUnit.SECONDS), defaultLanguage(reader),
                reader.getInt(current(config, "voice.limits.max-in-flight"), 1, 100_000),
                reader.getDuration(current(config, "voice.limits.in-flight-wait"), ChronoUnit.MILLIS));
    }

    private static String defaultLanguage(SettingsReader reader) {
        String path = "voice.default-language";
        try {
            return Language.normalize(reader.getString(path));
        } catch (VoiceException e) {
            throw reader.invalid(path, "is not a language tag such as en-US, or auto");
        }
    }

    private static ResilienceSettings resilience(SettingsReader reader) {
        String retry = "voice.resilience.retry.";
        String breaker = "voice.resilience.circuit-breaker.";
        Duration initialBackoff = reader.getDuration(retry + "initial-backoff", ChronoUnit.SECONDS);
        Duration maxBackoff = reader.getDuration(retry + "max-backoff", ChronoUnit.SECONDS);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw reader.invalid(retry + "max-backoff", "is shorter than " + retry + "initial-backoff (" + initialBackoff.toMillis() + "ms)");
        }
        double jitter = reader.getDouble(retry + "jitter", 0, 1);
        if (jitter == 1) {
            throw reader.invalid(retry + "jitter", "is not below 1 (a factor of 1 could make the wait zero)");
        }
        Duration openDuration = reader.getDuration(breaker + "open-duration", ChronoUnit.SECONDS);
        // An operator who shortens only the longest wait shortens the first one with it.
        Duration firstOpenDuration = Collections.min(List.of(openDuration,
                reader.getDuration(breaker + "first-open-duration", ChronoUnit.SECONDS)));
        String slow = "voice.resilience.slow-provider.";
        return new ResilienceSettings(
                reader.getInt(retry + "max-attempts", 1, MAX),
                initialBackoff,
                maxBackoff,
                reader.getDouble(retry + "multiplier", 1, 100),
                jitter,
                (float) reader.getDouble(breaker + "failure-rate-threshold", 1, 100),
                reader.getInt(breaker + "minimum-calls", 1, MAX),
                reader.getInt(breaker + "sliding-window", 1, MAX),
                reader.getInt(breaker + "consecutive-failures", 1, MAX),
                openDuration,
                reader.getInt(breaker + "half-open-calls", 1, MAX),
                firstOpenDuration,
                new ResilienceSettings.SlowProvider(reader.getDouble(slow + "p95-multiple", 0, 1000),
                        reader.getDuration(slow + "min-wait", ChronoUnit.SECONDS), reader.getInt(slow + "min-samples", 1, MAX)));
    }

    private static HealthSettings health(SettingsReader reader) {
        String health = "voice.health.";
        int degradedAfter = reader.getInt(health + "degraded-after", 1, MAX);
        int downAfter = reader.getInt(health + "down-after", 1, MAX);
        if (downAfter < degradedAfter) {
            throw reader.invalid(health + "down-after", "is below " + health + "degraded-after (" + degradedAfter + ")");
        }
        return new HealthSettings(
                reader.getInt(health + "window", 1, MAX),
                reader.getDouble(health + "min-success-rate", 0, 1),
                reader.getInt(health + "max-consecutive-failures", 1, MAX),
                reader.getDuration(health + "max-mean-latency", ChronoUnit.SECONDS),
                degradedAfter,
                downAfter);
    }

    private static PluginDirectories pluginDirectories(SettingsReader reader, Path workingDir) {
        return new PluginDirectories(directory(reader, "voice.plugins.builtin-dir", workingDir),
                directory(reader, "voice.plugins.dir", workingDir));
    }

    /** Relative to the working directory, like every other relative path in the configuration. */
    private static Path directory(SettingsReader reader, String path, Path workingDir) {
        String dir = reader.getString(path).strip();
        try {
            if (dir.isEmpty()) {
                throw reader.invalid(path, "is empty; name a directory");
            }
            return workingDir.resolve(dir).normalize();
        } catch (InvalidPathException e) {
            throw reader.invalid(path, "is not a valid path");
        }
    }
}
