package io.voiceplatform.core.registry;

import io.voiceplatform.api.plugin.ProviderSettings;

/** Gives a plugin its configuration section; the plugin's loader lets its own reference.conf count. */
@FunctionalInterface
public interface ProviderSettingsSource {
    ProviderSettings settingsFor(String providerId, ClassLoader pluginLoader);
}
