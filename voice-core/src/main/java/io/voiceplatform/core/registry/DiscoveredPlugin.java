package io.voiceplatform.core.registry;

import io.voiceplatform.api.plugin.ProviderPlugin;

/**
 * A plugin found by a {@link PluginSource}.
 *
 * @param plugin the entry point
 * @param origin where it came from: the plugin's jar or directory, after {@code built-in, } for a built-in provider
 * @param loader the class loader its classes and resources come from
 * @param unlistedInChain whether its providers join the default chain without being listed in
 *                        {@code voice.stt.providers} / {@code voice.tts.providers}; otherwise they serve only
 *                        requests that pin them
 */
public record DiscoveredPlugin(ProviderPlugin plugin, String origin, ClassLoader loader, boolean unlistedInChain) {
}
