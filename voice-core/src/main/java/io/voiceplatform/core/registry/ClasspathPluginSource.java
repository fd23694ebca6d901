package io.voiceplatform.core.registry;

import io.voiceplatform.api.plugin.ProviderPlugin;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Plugins on the application class path, found with {@link ServiceLoader}. */
public final class ClasspathPluginSource implements PluginSource {
    private final ClassLoader loader;

    public ClasspathPluginSource(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public List<DiscoveredPlugin> discover() {
        List<DiscoveredPlugin> found = new ArrayList<>();
        for (ProviderPlugin plugin : ServiceLoader.load(ProviderPlugin.class, loader)) {
            found.add(new DiscoveredPlugin(plugin, DiscoveredPlugin.BUILT_IN, loader));
        }
        return found;
    }
}
