package io.voiceplatform.core.registry;

import java.util.List;

/** Somewhere plugins come from; kept behind an interface so tests can install plugins in-process. */
@FunctionalInterface
public interface PluginSource {
    List<DiscoveredPlugin> discover();
}
