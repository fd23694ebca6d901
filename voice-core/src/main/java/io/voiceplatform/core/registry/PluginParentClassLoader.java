package io.voiceplatform.core.registry;

import java.util.List;

/**
 * The parent of every plugin class loader. It shows a plugin the JDK and the two packages plugins are built
 * against, taken from the platform's class path so that all plugins share one copy: the SPI
 * ({@code io.voiceplatform.api} and its sub-packages, voice-api) and the provider support library
 * ({@code io.voiceplatform.providers.support}, voice-provider-support). Nothing else of the platform is
 * visible (Guice, Jackson, OkHttp, voice-core), so a plugin can neither depend on it by accident nor clash with
 * its versions. Resources are not shared: a plugin's reference.conf and service entries come from its own jars.
 */
final class PluginParentClassLoader extends ClassLoader {
    /** docs/plugins.md names the same packages. */
    private static final List<String> SHARED_PACKAGES = List.of("io.voiceplatform.api.", "io.voiceplatform.providers.support.");

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader application;

    PluginParentClassLoader(ClassLoader application) {
        super("voice-plugin-parent", ClassLoader.getPlatformClassLoader());
        this.application = application;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        for (String shared : SHARED_PACKAGES) {
            if (name.startsWith(shared)) {
                return application.loadClass(name);
            }
        }
        return super.loadClass(name, resolve);
    }
}
