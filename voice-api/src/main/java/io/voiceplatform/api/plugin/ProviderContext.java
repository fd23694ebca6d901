package io.voiceplatform.api.plugin;

import java.util.concurrent.ScheduledExecutorService;

/**
 * What the platform gives a plugin when it creates providers.
 *
 * @param settings  the plugin's configuration section
 * @param transport the shared HTTP transport for remote providers
 * @param scheduler a shared scheduler for timers; plugins must not shut it down
 */
public record ProviderContext(ProviderSettings settings, HttpTransport transport, ScheduledExecutorService scheduler) {
}
