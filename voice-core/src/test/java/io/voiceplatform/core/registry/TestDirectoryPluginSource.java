package io.voiceplatform.core.registry;

import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.api.plugin.ProviderSettings;
import io.voiceplatform.api.plugin.SpiVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Builds a real plugin jar during the test and loads it from a plugins directory. */
@Timeout(60)
class TestDirectoryPluginSource {
    private static final String PLUGIN_SOURCE = """
            package acme.voice;

            import io.voiceplatform.api.*;
            import io.voiceplatform.api.plugin.*;
            import java.time.Duration;
            import java.util.*;
            import java.util.concurrent.*;

            public final class AcmePlugin implements ProviderPlugin {
                public String id() { return "acme"; }

                public Optional<SttProvider> createStt(ProviderContext context) {
                    String greeting = context.settings().getString("greeting", "hello");
                    return Optional.of(new SttProvider() {
                        public String id() { return "acme"; }
                        public ProviderCapabilities capabilities() {
                            return ProviderCapabilities.builder().inputFormats(AudioFormat.WAV).maxAudioBytes(1000000).build();
                        }
                        public CompletionStage<Transcript> transcribe(TranscriptionRequest request) {
                            return CompletableFuture.completedFuture(new Transcript(greeting + " " + request.audio().size(),
                                    "en", OptionalDouble.empty(), Duration.ZERO, List.of(), List.of(), "acme", "acme-1"));
                        }
                        public void close() { }
                    });
                }
            }
            """;

    static Path buildPluginJar(Path workDir, String jarName) throws IOException {
        return buildPluginJar(workDir, jarName, null);
    }

    /** @param spiVersion the {@code Voice-SPI-Version} the jar's manifest declares, or null for none */
    static Path buildPluginJar(Path workDir, String jarName, String spiVersion) throws IOException {
        Path src = workDir.resolve("src/acme/voice/AcmePlugin.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, PLUGIN_SOURCE);
        Path classes = Files.createDirectories(workDir.resolve("classes"));
        String apiPath = Path.of(ProviderPlugin.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "--release", "17", "-cp", apiPath, "-d", classes.toString(), src.toString());
        assertEquals(0, status, "the test plugin must compile");
        Path jar = workDir.resolve(jarName);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (spiVersion != null) {
            manifest.getMainAttributes().putValue(SpiVersion.MANIFEST_ATTRIBUTE, spiVersion);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + ProviderPlugin.class.getName()));
            OutputStream entry = out;
            entry.write("acme.voice.AcmePlugin\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void loadsAPluginJarDroppedIntoTheDirectory(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.move(buildPluginJar(dir.resolve("build"), "acme.jar"), plugins.resolve("acme.jar"));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        ProviderRegistry registry = ProviderRegistry.create(
                List.of(new DirectoryPluginSource(plugins, getClass().getClassLoader())),
                (id, loader) -> new ProviderSettings("voice.providers." + id, Map.of("greeting", "hi")),
                null, scheduler);
        try {
            RegisteredProvider acme = registry.find("acme").orElseThrow();
            assertTrue(acme.origin().endsWith("acme.jar"), acme.origin());
            SttProvider stt = acme.stt().orElseThrow();
            assertEquals("hi 3", stt.transcribe(io.voiceplatform.api.TranscriptionRequest.of(
                    io.voiceplatform.api.Audio.of(new byte[]{1, 2, 3}, io.voiceplatform.api.AudioFormat.WAV)))
                    .toCompletableFuture().join().text());
        } finally {
            registry.close();
            scheduler.shutdownNow();
        }
    }

    @Test
    void aPluginSeesTheJdkVoiceApiAndProviderSupportButNotThePlatformsLibraries(@TempDir Path dir) throws Exception {
        // The platform's class path, as lib/ holds it: voice-provider-support beside the platform's own classes.
        Path platform = compile(dir.resolve("platform"), Map.of(
                "io/voiceplatform/providers/support/Shared.java", "package io.voiceplatform.providers.support; public final class Shared {}",
                "com/example/platform/Internal.java", "package com.example.platform; public final class Internal {}"));
        try (URLClassLoader application = new URLClassLoader(new URL[]{platform.toUri().toURL()}, getClass().getClassLoader())) {
            Path plugins = Files.createDirectories(dir.resolve("plugins"));
            Files.move(buildPluginJar(dir.resolve("build"), "acme.jar"), plugins.resolve("acme.jar"));
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

    /** Compiles Java sources (path under the source root, text) against voice-api; returns the class directory. */
    private static Path compile(Path workDir, Map<String, String> sources) throws IOException {
        Path classes = Files.createDirectories(workDir.resolve("classes"));
        String apiPath = Path.of(ProviderPlugin.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        List<String> arguments = new java.util.ArrayList<>(List.of("--release", "17", "-cp", apiPath, "-d", classes.toString()));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = workDir.resolve("src").resolve(source.getKey());
            Files.createDirectories(file.getParent());
            arguments.add(Files.writeString(file, source.getValue()).toString());
        }
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments.toArray(String[]::new)));
        return classes;
    }

    @Test
    void aPluginBuiltForThisSpiOrAnOlderMinorLoadsAndOneForAnotherMajorIsRefused(@TempDir Path dir) throws Exception {
        Path current = Files.createDirectories(dir.resolve("current"));
        Files.move(buildPluginJar(dir.resolve("build-current"), "acme.jar", SpiVersion.current().major() + ".0"),
                current.resolve("acme.jar"));
        DiscoveredPlugin found = new DirectoryPluginSource(current, getClass().getClassLoader()).discover().get(0);
        assertEquals("acme", found.plugin().id());
        ((AutoCloseable) found.loader()).close();

        Path future = Files.createDirectories(dir.resolve("future"));
        String next = (SpiVersion.current().major() + 1) + ".0";
        Files.move(buildPluginJar(dir.resolve("build-future"), "acme-next.jar", next), future.resolve("acme-next.jar"));
        Exception e = assertThrows(RuntimeException.class, () -> new DirectoryPluginSource(future, getClass().getClassLoader()).discover());
        assertTrue(e.getMessage().contains("acme-next.jar") && e.getMessage().contains("SPI " + next)
                && e.getMessage().contains("implements SPI " + SpiVersion.current()), e.getMessage());
    }

    @Test
    void aJarWithoutAServiceEntryFailsLoudly(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(plugins.resolve("empty.jar")))) {
            out.putNextEntry(new JarEntry("readme.txt"));
            out.closeEntry();
        }
        Exception e = assertThrows(RuntimeException.class, () -> new DirectoryPluginSource(plugins, getClass().getClassLoader()).discover());
        assertTrue(e.getMessage().contains("empty.jar"), e.getMessage());
    }

    @Test
    void aMissingDirectoryHasNoPlugins(@TempDir Path dir) {
        assertEquals(List.of(), new DirectoryPluginSource(dir.resolve("absent"), getClass().getClassLoader()).discover());
    }
}
