package io.voiceplatform.core.registry;

import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.core.config.PluginDirectories;
import io.voiceplatform.core.testing.TestingPluginJar;
import io.voiceplatform.core.testing.TestingPlugins;
import io.voiceplatform.core.testing.TestingProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class TestInstalledPlugins {
    @TempDir
    Path dir;

    @Test
    void builtInsComeFirstThenAddedPluginsThenInProcessOnesEachInItsOwnLoader() throws Exception {
        Path builtIn = Files.createDirectories(dir.resolve("providers/acme"));
        TestingPluginJar.of("acme").writeTo(builtIn.resolve("acme.jar"), dir.resolve("build-acme"));
        Path added = Files.createDirectories(dir.resolve("plugins"));
        TestingPluginJar.of("zeta").writeTo(added.resolve("zeta.jar"), dir.resolve("build-zeta"));

        try (InstalledPlugins plugins = InstalledPlugins.discover(new PluginDirectories(dir.resolve("providers"), added),
                getClass().getClassLoader(), List.of(TestingPlugins.of(new TestingProvider("fake"))))) {
            assertEquals(List.of("acme", "zeta", "fake"), plugins.all().stream().map(p -> p.plugin().id()).toList());
            assertEquals("built-in, " + builtIn, plugins.all().get(0).origin());
            assertEquals(added.resolve("zeta.jar").toString(), plugins.all().get(1).origin());
            assertEquals(3, plugins.loaders().size());
            assertNotSame(plugins.all().get(0).loader(), plugins.all().get(1).loader());
        }
    }

    @Test
    void theSamePluginClassFoundTwiceCountsOnceAndTheCopysLoaderIsClosed() throws Exception {
        Path builtIn = Files.createDirectories(dir.resolve("providers/acme"));
        TestingPluginJar.of("acme").writeTo(builtIn.resolve("acme.jar"), dir.resolve("build"));
        Path added = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(builtIn.resolve("acme.jar"), added.resolve("acme-copy.jar"));
        List<DiscoveredPlugin> copy = new DirectoryPluginSource(added, getClass().getClassLoader()).discover();

        try (InstalledPlugins plugins = InstalledPlugins.discover(List.of(
                DirectoryPluginSource.builtIn(dir.resolve("providers"), getClass().getClassLoader()), () -> copy))) {
            assertEquals(1, plugins.all().size());
            assertTrue(plugins.all().get(0).origin().startsWith("built-in, "), plugins.all().get(0).origin());
            assertClosed(copy.get(0).loader());
        }
    }

    @Test
    void twoDifferentPluginsWithOneIdStopStartUpAndCloseWhatWasOpened() throws Exception {
        Path builtIn = Files.createDirectories(dir.resolve("providers/acme"));
        TestingPluginJar.of("acme").writeTo(builtIn.resolve("acme.jar"), dir.resolve("build"));
        List<DiscoveredPlugin> first = DirectoryPluginSource.builtIn(dir.resolve("providers"), getClass().getClassLoader()).discover();
        ProviderPlugin impostor = () -> "acme";
        PluginSource second = () -> List.of(new DiscoveredPlugin(impostor, "elsewhere", getClass().getClassLoader(), true));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> InstalledPlugins.discover(List.of(() -> first, second)));
        assertTrue(e.getMessage().contains("'acme'") && e.getMessage().contains("elsewhere"), e.getMessage());
        assertClosed(first.get(0).loader());
    }

    @Test
    void closingClosesThePluginLoaders() throws Exception {
        Path added = Files.createDirectories(dir.resolve("plugins"));
        TestingPluginJar.of("acme").writeTo(added.resolve("acme.jar"), dir.resolve("build"));
        InstalledPlugins plugins = InstalledPlugins.discover(List.of(new DirectoryPluginSource(added, getClass().getClassLoader())));
        ClassLoader loader = plugins.all().get(0).loader();
        plugins.close();
        plugins.close();
        assertClosed(loader);
    }

    /** A closed URLClassLoader finds no more resources in its jars. */
    private static void assertClosed(ClassLoader loader) {
        URL[] urls = ((URLClassLoader) loader).getURLs();
        assertTrue(urls.length > 0);
        assertEquals(null, loader.getResource("META-INF/services/" + ProviderPlugin.class.getName()),
                "the loader of " + urls[0] + " is still open");
    }
}
