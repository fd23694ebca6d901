package io.voiceplatform.core.registry;

import io.voiceplatform.core.config.PluginDirectories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The plugins the sources found, in the order of the sources: the same plugin class found twice counts once
 * (the first), and two different plugins claiming one id stop start-up. It owns the class loaders they were
 * loaded with, whose reference.conf files count in the configuration, and closes them once their providers are
 * closed.
 */
public final class InstalledPlugins implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InstalledPlugins.class);

    private final List<DiscoveredPlugin> plugins;
    private final List<ClassLoader> loaders;
    private final AtomicBoolean closed = new AtomicBoolean();

    private InstalledPlugins(List<DiscoveredPlugin> plugins, List<ClassLoader> loaders) {
        this.plugins = List.copyOf(plugins);
        this.loaders = List.copyOf(loaders);
    }

    /**
     * The built-in providers ({@code voice.plugins.builtin-dir}), then the plugins an operator added
     * ({@code voice.plugins.dir}), then those of {@code inProcess} (tests install plugins this way).
     */
    public static InstalledPlugins discover(PluginDirectories directories, ClassLoader application,
                                            Collection<PluginSource> inProcess) {
        List<PluginSource> sources = new ArrayList<>();
        sources.add(DirectoryPluginSource.builtIn(directories.builtIn(), application));
        sources.add(new DirectoryPluginSource(directories.added(), application));
        sources.addAll(inProcess);
        return discover(sources);
    }

    public static InstalledPlugins discover(List<PluginSource> sources) {
        Map<String, DiscoveredPlugin> byId = new LinkedHashMap<>();
        List<ClassLoader> opened = new ArrayList<>();
        try {
            for (PluginSource source : sources) {
                for (DiscoveredPlugin found : source.discover()) {
                    addOnce(opened, found.loader());
                    keep(byId, found);
                }
            }
        } catch (RuntimeException e) {
            opened.forEach(InstalledPlugins::close);
            throw e;
        }
        List<ClassLoader> used = new ArrayList<>();
        byId.values().forEach(plugin -> addOnce(used, plugin.loader()));
        // A duplicate's loader holds nothing that runs.
        opened.stream().filter(loader -> !used.contains(loader)).forEach(InstalledPlugins::close);
        return new InstalledPlugins(new ArrayList<>(byId.values()), used);
    }

    private static void keep(Map<String, DiscoveredPlugin> byId, DiscoveredPlugin found) {
        String id = found.plugin().id();
        DiscoveredPlugin previous = byId.get(id);
        if (previous == null) {
            byId.put(id, found);
        } else if (!previous.plugin().getClass().getName().equals(found.plugin().getClass().getName())) {
            throw new IllegalStateException("two plugins claim the provider id '" + id + "': "
                    + previous.plugin().getClass().getName() + " (" + previous.origin() + ") and "
                    + found.plugin().getClass().getName() + " (" + found.origin() + ")");
        }
    }

    private static void addOnce(List<ClassLoader> loaders, ClassLoader loader) {
        if (!loaders.contains(loader)) {
            loaders.add(loader);
        }
    }

    /** Every plugin, in the order found. */
    public List<DiscoveredPlugin> all() {
        return plugins;
    }

    /** The class loaders of the plugins, each once. */
    public List<ClassLoader> loaders() {
        return loaders;
    }

    /** Closes the plugins' class loaders (those that can be closed); call it after their providers are closed. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            loaders.forEach(InstalledPlugins::close);
        }
    }

    private static void close(ClassLoader loader) {
        if (loader instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                log.warn("closing a plugin class loader failed: {}", e.toString());
            }
        }
    }
}
