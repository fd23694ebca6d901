package io.voiceplatform.core.registry;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.api.plugin.ProviderSettings;
import io.voiceplatform.api.plugin.SpiVersion;
import io.voiceplatform.core.testing.CapturedLogs;
import io.voiceplatform.core.testing.TestingPluginJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loads real plugin jars, built during the test, from a directory, and skips broken ones with one ERROR line each. */
@Timeout(60)
class TestDirectoryPluginSource {
    @Test
    void loadsAPluginJarDroppedIntoTheDirectory(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestingPluginJar.of("acme").writeTo(plugins.resolve("acme.jar"), dir.resolve("build"));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        List<DiscoveredPlugin> found = new DirectoryPluginSource(plugins, getClass().getClassLoader()).discover();
        ProviderRegistry registry = ProviderRegistry.create(found,
                id -> new ProviderSettings("voice.providers." + id, Map.of("greeting", "hi")), null, scheduler, Duration.ofSeconds(5));
        try {
            RegisteredProvider acme = registry.find("acme").orElseThrow();
            assertEquals(plugins.resolve("acme.jar").toString(), acme.origin());
            assertFalse(acme.unlistedInChain(), "an added plugin serves only requests that pin it until it is listed");
            SttProvider stt = acme.stt().orElseThrow();
            assertEquals("hi 3", stt.transcribe(TranscriptionRequest.of(Audio.of(new byte[]{1, 2, 3}, AudioFormat.WAV)))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS).text());
        } finally {
            registry.close();
            ((AutoCloseable) found.get(0).loader()).close();
            scheduler.shutdownNow();
        }
    }

    @Test
    void aBuiltInProviderIsOneSubDirectoryWithItsDependenciesAndSaysSoInItsOrigin(@TempDir Path dir) throws Exception {
        Path acme = Files.createDirectories(dir.resolve("providers/acme"));
        TestingPluginJar.of("acme").writeTo(acme.resolve("acme.jar"), dir.resolve("build"));
        Path library = TestingPluginJar.compile(dir.resolve("library"), Map.of("org/example/Library.java", "package org.example; public final class Library {}"));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(acme.resolve("library.jar")))) {
            out.putNextEntry(new JarEntry("org/example/Library.class"));
            Files.copy(library.resolve("org/example/Library.class"), out);
            out.closeEntry();
        }

        List<DiscoveredPlugin> found = DirectoryPluginSource.builtIn(dir.resolve("providers"), getClass().getClassLoader()).discover();
        assertEquals(1, found.size());
        assertEquals("built-in, " + acme, found.get(0).origin());
        assertTrue(found.get(0).unlistedInChain(), "a built-in provider, once enabled, joins the chain");
        assertEquals(found.get(0).loader(), found.get(0).loader().loadClass("org.example.Library").getClassLoader());
        ((AutoCloseable) found.get(0).loader()).close();
    }

    @Test
    void aPluginSeesTheJdkVoiceApiAndProviderSupportButNotThePlatformsLibraries(@TempDir Path dir) throws Exception {
        // The platform's class path, as lib/ holds it: voice-provider-support beside the platform's own classes.
        Path platform = TestingPluginJar.compile(dir.resolve("platform"), Map.of(
                "io/voiceplatform/providers/support/Shared.java", "package io.voiceplatform.providers.support; public final class Shared {}",
                "com/example/platform/Internal.java", "package com.example.platform; public final class Internal {}"));
        try (URLClassLoader application = new URLClassLoader(new URL[]{platform.toUri().toURL()}, getClass().getClassLoader())) {
            Path plugins = Files.createDirectories(dir.resolve("plugins"));
            TestingPluginJar.of("acme").writeTo(plugins.resolve("acme.jar"), dir.resolve("build"));
            ClassLoader plugin = new DirectoryPluginSource(plugins, application).discover().get(0).loader();

            assertSame(String.class, plugin.loadClass("java.lang.String"));
            assertSame(java.net.http.HttpRequest.class, plugin.loadClass("java.net.http.HttpRequest"));
            assertSame(SttProvider.class, plugin.loadClass(SttProvider.class.getName()));
            assertSame(application.loadClass("io.voiceplatform.providers.support.Shared"),
                    plugin.loadClass("io.voiceplatform.providers.support.Shared"), "one copy, shared by every plugin");
            assertThrows(ClassNotFoundException.class, () -> plugin.loadClass("com.example.platform.Internal"));
            assertThrows(ClassNotFoundException.class, () -> plugin.loadClass("com.google.inject.Guice"));
            assertThrows(ClassNotFoundException.class, () -> plugin.loadClass(ProviderRegistry.class.getName()));
            assertEquals(null, plugin.getResource("reference.conf"), "the platform's reference.conf is not the plugin's");
            ((AutoCloseable) plugin).close();
        }
    }

    @Test
    void aPluginBuiltForThisSpiOrAnOlderMinorLoadsAndOneForAnotherMajorIsSkipped(@TempDir Path dir) throws Exception {
        Path current = Files.createDirectories(dir.resolve("current"));
        TestingPluginJar.of("acme").spiVersion(SpiVersion.current().major() + ".0").writeTo(current.resolve("acme.jar"), dir.resolve("build-current"));
        DiscoveredPlugin found = new DirectoryPluginSource(current, getClass().getClassLoader()).discover().get(0);
        assertEquals("acme", found.plugin().id());
        ((AutoCloseable) found.loader()).close();

        Path future = Files.createDirectories(dir.resolve("future"));
        String next = (SpiVersion.current().major() + 1) + ".0";
        TestingPluginJar.of("acme").spiVersion(next).writeTo(future.resolve("acme-next.jar"), dir.resolve("build-future"));
        String error = theOneErrorOfDiscovering(future);
        assertTrue(error.contains(future.resolve("acme-next.jar").toString()) && error.contains("SPI " + next)
                && error.contains("implements SPI " + SpiVersion.current()), error);
    }

    @Test
    void aJarWithoutAServiceEntryIsSkippedWithOneErrorNamingIt(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        writeJar(plugins.resolve("empty.jar"), "readme.txt", "");
        String error = theOneErrorOfDiscovering(plugins);
        assertTrue(error.startsWith("plugin " + plugins.resolve("empty.jar") + " skipped: ") && error.contains("META-INF/services"), error);
    }

    @Test
    void aCorruptJarIsSkippedWithOneErrorNamingItAndTheOtherPluginsLoad(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.write(plugins.resolve("broken.jar"), new byte[]{'P', 'K', 3, 4, 0, 0, 'n', 'o', 't', ' ', 'a', ' ', 'j', 'a', 'r'});
        TestingPluginJar.of("acme").writeTo(plugins.resolve("good.jar"), dir.resolve("build"));
        try (CapturedLogs logs = new CapturedLogs()) {
            List<DiscoveredPlugin> found = new DirectoryPluginSource(plugins, getClass().getClassLoader()).discover();
            assertEquals(List.of("acme"), found.stream().map(p -> p.plugin().id()).toList());
            assertEquals(1, logs.errors().size(), logs.errors().toString());
            String error = logs.errors().get(0);
            assertTrue(error.startsWith("plugin " + plugins.resolve("broken.jar") + " skipped: it cannot be loaded: ")
                    && error.contains("ZipException"), error);
            ((AutoCloseable) found.get(0).loader()).close();
        }
    }

    @Test
    void aServiceEntryNamingAMissingClassIsSkippedWithOneErrorNamingTheJarAndTheClass(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        writeJar(plugins.resolve("hollow.jar"), "META-INF/services/" + ProviderPlugin.class.getName(), "acme.voice.Gone\n");
        String error = theOneErrorOfDiscovering(plugins);
        assertTrue(error.contains(plugins.resolve("hollow.jar").toString()) && error.contains("ServiceConfigurationError")
                && error.contains("acme.voice.Gone"), error);
    }

    @Test
    void aPluginWhoseConstructorThrowsIsSkippedWithTheRootCause(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestingPluginJar.of("acme").constructorThrows().writeTo(plugins.resolve("acme.jar"), dir.resolve("build"));
        String error = theOneErrorOfDiscovering(plugins);
        assertTrue(error.contains(plugins.resolve("acme.jar").toString()) && error.contains("java.util.ServiceConfigurationError")
                && error.contains("root cause: java.io.FileNotFoundException: acme.licence"), error);
    }

    /** Discovers the plugins of a directory whose only plugin is broken: none, and one ERROR line. */
    private String theOneErrorOfDiscovering(Path plugins) {
        try (CapturedLogs logs = new CapturedLogs()) {
            assertEquals(List.of(), new DirectoryPluginSource(plugins, getClass().getClassLoader()).discover());
            assertEquals(1, logs.errors().size(), logs.errors().toString());
            return logs.errors().get(0);
        }
    }

    private static void writeJar(Path jar, String entry, String content) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(entry));
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    @Test
    void aMissingDirectoryHasNoPlugins(@TempDir Path dir) {
        assertEquals(List.of(), new DirectoryPluginSource(dir.resolve("absent"), getClass().getClassLoader()).discover());
    }
}
