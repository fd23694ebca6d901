package io.voiceplatform.core.registry;

import io.voiceplatform.api.plugin.ProviderSettings;

/** Gives a plugin its configuration section, {@code voice.providers.<id>}, its own reference.conf included. */
@FunctionalInterface
public interface ProviderSettingsSource {
    ProviderSettings settingsFor(String providerId);
}
