package io.voiceplatform.core.registry;

import io.voiceplatform.api.plugin.ProviderPlugin;

/**
 * A plugin found by a {@link PluginSource}.
 *
 * @param plugin the entry point
 * @param origin where it came from: {@code built-in} or the plugin's jar or directory
 * @param loader the class loader its classes and resources come from
 */
public record DiscoveredPlugin(ProviderPlugin plugin, String origin, ClassLoader loader) {
    public static final String BUILT_IN = "built-in";
}
