package io.voiceplatform.app.dist;

import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.app.TestingBuiltInProviders;
import io.voiceplatform.core.registry.DirectoryPluginSource;
import io.voiceplatform.core.registry.DiscoveredPlugin;
import io.voiceplatform.core.registry.InstalledPlugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built-in providers, as the distribution holds them, are plugins like any other: none is on the application
 * class path, each loads from its own directory in a class loader of its own, with its own dependencies, and
 * sees of the platform only the JDK, voice-api and voice-provider-support.
 */
@Timeout(60)
class TestBuiltInProviders {
    private static final ClassLoader APPLICATION = TestBuiltInProviders.class.getClassLoader();

    @Test
    void noProviderIsOnTheApplicationClassPath() {
        assertEquals(List.of(), ServiceLoader.load(ProviderPlugin.class, APPLICATION).stream().map(ServiceLoader.Provider::type).toList());
        assertThrows(ClassNotFoundException.class, () -> APPLICATION.loadClass("edu.cmu.sphinx.api.Configuration"));
    }

    @Test
    void eachBuiltInLoadsFromItsOwnDirectoryInItsOwnClassLoader() throws Exception {
        try (InstalledPlugins plugins = InstalledPlugins.discover(List.of(
                DirectoryPluginSource.builtIn(TestingBuiltInProviders.dir(), APPLICATION)))) {
            Map<String, DiscoveredPlugin> byId = plugins.all().stream()
                    .collect(Collectors.toMap(p -> p.plugin().id(), p -> p));
            assertEquals(List.of("azure", "deepgram", "elevenlabs", "google", "local", "openai", "yandex"),
                    byId.keySet().stream().sorted().toList());
            assertEquals(byId.size(), plugins.loaders().size(), "one class loader per provider");
            for (DiscoveredPlugin plugin : byId.values()) {
                String id = plugin.plugin().id();
                assertEquals("built-in, " + TestingBuiltInProviders.dir().resolve(id), plugin.origin());
                assertSame(plugin.loader(), plugin.plugin().getClass().getClassLoader(), id);
                assertThrows(ClassNotFoundException.class, () -> plugin.loader().loadClass("com.google.inject.Guice"), id);
                assertThrows(ClassNotFoundException.class, () -> plugin.loader().loadClass("okhttp3.OkHttpClient"), id);
            }

            ClassLoader openai = byId.get("openai").loader();
            Class<?> mapper = openai.loadClass("com.fasterxml.jackson.databind.ObjectMapper");
            assertSame(openai, mapper.getClassLoader(), "the plugin's own Jackson");
            assertNotSame(APPLICATION.loadClass(mapper.getName()), mapper, "not the platform's");
            String support = "io.voiceplatform.providers.support.ProviderHttp";
            assertSame(APPLICATION.loadClass(support), openai.loadClass(support), "voice-provider-support is the platform's");
            assertThrows(ClassNotFoundException.class, () -> byId.get("local").loader().loadClass(mapper.getName()),
                    "a dependency of one plugin is invisible to another");
        }
    }
}
