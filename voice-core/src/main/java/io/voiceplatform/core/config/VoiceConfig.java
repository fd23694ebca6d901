package io.voiceplatform.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.voiceplatform.api.plugin.ProviderSettings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The layered, resolved configuration of the platform (see {@link ConfigLayers} for the order of the layers),
 * able to say where each value came from. Immutable.
 */
public final class VoiceConfig {
    private static final String ROOT = "voice";

    private final ConfigSources sources;
    private final List<ClassLoader> pluginLoaders;
    private final ConfigLayers layers;

    private VoiceConfig(ConfigSources sources, List<ClassLoader> pluginLoaders) {
        this.sources = sources;
        this.pluginLoaders = List.copyOf(pluginLoaders);
        this.layers = ConfigLayers.load(sources, this.pluginLoaders);
    }

    /** Reads every layer; fails with an {@link InvalidConfigException} on an unreadable or malformed source. */
    public static VoiceConfig load(ConfigSources sources) {
        return new VoiceConfig(sources, List.of());
    }

    /**
     * The same sources read again with the {@code reference.conf} of each plugin class loader added below the
     * class-path ones, so that the plugins' defaults and environment aliases apply and their keys are known.
     */
    public VoiceConfig withPluginReferences(List<ClassLoader> loaders) {
        List<ClassLoader> all = new ArrayList<>(pluginLoaders);
        loaders.stream().filter(loader -> loader != sources.classLoader() && !all.contains(loader)).forEach(all::add);
        return new VoiceConfig(sources, all);
    }

    /** The resolved configuration; its values keep their origins. */
    public Config config() {
        return layers.effective();
    }

    public ConfigSources sources() {
        return sources;
    }

    /**
     * Where the value of a path came from: {@code default (reference.conf)}, {@code file /etc/voice.conf:12},
     * {@code environment VOICE_MAX_FILE_SIZE_MB}, {@code .env file /app/.env (VOICE_MAX_FILE_SIZE_MB)},
     * {@code system property}; {@code not set} when the path has no value.
     */
    public String originOf(String path) {
        return config().hasPath(path) ? OriginDescription.of(config().getValue(path).origin()) : "not set";
    }

    /** Whether the value of a path comes from somewhere other than a reference.conf default. */
    public boolean isExplicitlySet(String path) {
        return config().hasPath(path) && !OriginDescription.isReference(config().getValue(path).origin());
    }

    /**
     * The section {@code voice.providers.<id>} as plain strings for a plugin: keys relative to the section
     * ({@code api-key}, {@code retry.max}), lists joined by commas; the plugin's own defaults count once
     * {@link #withPluginReferences} added its loader. Empty when the section is absent.
     */
    public ProviderSettings providerSettings(String id) {
        String section = ConfigUtil.joinPath(ROOT, "providers", id);
        Map<String, String> values = new TreeMap<>();
        try {
            if (config().hasPath(section)) {
                config().getConfig(section).entrySet().forEach(e -> values.put(e.getKey(), plainText(e.getValue())));
            }
        } catch (ConfigException e) {
            throw InvalidConfigException.of(e);
        }
        return new ProviderSettings(section, values);
    }

    /** Every setting under {@code voice.}, sorted by key, credentials masked: what {@code ./voice config} prints. */
    public List<ConfigEntry> entries() {
        return leaves().stream()
                .map(e -> new ConfigEntry(e.getKey(), DisplayValue.of(e.getKey(), shownText(e.getValue())),
                        OriginDescription.of(e.getValue().origin())))
                .toList();
    }

    /** Every reference.conf merged and resolved: the keys that exist, with their defaults. */
    Config reference() {
        return layers.reference();
    }

    List<Map.Entry<String, ConfigValue>> leaves() {
        if (!config().hasPath(ROOT)) {
            return List.of();
        }
        return config().getConfig(ROOT).entrySet().stream()
                .map(e -> Map.entry(ROOT + "." + e.getKey(), e.getValue()))
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .toList();
    }

    /** Scalars as their text; lists as their elements joined by commas. */
    static String plainText(ConfigValue value) {
        if (value.valueType() == ConfigValueType.LIST) {
            List<?> elements = (List<?>) value.unwrapped();
            return elements.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(value.unwrapped());
    }

    /** Scalars as their text; lists in brackets, so that a one-element list does not read as a string. */
    private static String shownText(ConfigValue value) {
        return value.valueType() == ConfigValueType.LIST ? value.render(ConfigRenderOptions.concise()) : plainText(value);
    }
}
