package io.voiceplatform.core.registry;

import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.api.plugin.SpiVersion;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.ErrorKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Plugins dropped into a directory: each {@code *.jar} directly in it is one plugin, and each
 * sub-directory is one plugin made of all the jars inside it. Every plugin gets its own class loader, whose
 * parent shows the JDK, voice-api and voice-provider-support only ({@link PluginParentClassLoader}).
 */
public final class DirectoryPluginSource implements PluginSource {
    private final Path directory;
    private final ClassLoader parent;

    public DirectoryPluginSource(Path directory, ClassLoader application) {
        this.directory = directory;
        this.parent = new PluginParentClassLoader(application);
    }

    @Override
    public List<DiscoveredPlugin> discover() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<DiscoveredPlugin> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.sorted().toList()) {
                List<Path> jars = jarsOf(entry);
                if (!jars.isEmpty()) {
                    found.addAll(load(entry, jars));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list plugin directory " + directory, e);
        }
        return found;
    }

    private static List<Path> jarsOf(Path entry) throws IOException {
        if (Files.isRegularFile(entry) && isJar(entry)) {
            return List.of(entry);
        }
        if (Files.isDirectory(entry)) {
            try (Stream<Path> inner = Files.list(entry)) {
                return inner.filter(p -> Files.isRegularFile(p) && isJar(p)).sorted().toList();
            }
        }
        return List.of();
    }

    private static boolean isJar(Path p) {
        return p.getFileName().toString().endsWith(".jar");
    }

    private List<DiscoveredPlugin> load(Path origin, List<Path> jars) {
        jars.forEach(DirectoryPluginSource::checkSpiVersion);
        URL[] urls = jars.stream().map(DirectoryPluginSource::toUrl).toArray(URL[]::new);
        URLClassLoader loader = new URLClassLoader("plugin:" + origin.getFileName(), urls, parent);
        List<DiscoveredPlugin> found = new ArrayList<>();
        try {
            for (ProviderPlugin plugin : ServiceLoader.load(ProviderPlugin.class, loader)) {
                found.add(new DiscoveredPlugin(plugin, origin.toAbsolutePath().normalize().toString(), loader));
            }
        } catch (ServiceConfigurationError e) {
            throw new VoiceException(ErrorKind.INVALID_REQUEST, "plugin " + origin + " cannot be loaded: "
                    + e.getMessage(), null, null, null, e);
        }
        if (found.isEmpty()) {
            closeQuietly(loader);
            throw new VoiceException(ErrorKind.INVALID_REQUEST, "plugin " + origin
                    + " has no META-INF/services/" + ProviderPlugin.class.getName() + " entry");
        }
        return found;
    }

    /** A jar that says which SPI version it was built against must be one this platform runs. */
    private static void checkSpiVersion(Path jar) {
        String declared;
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            declared = manifest == null ? null : manifest.getMainAttributes().getValue(SpiVersion.MANIFEST_ATTRIBUTE);
        } catch (IOException e) {
            throw new VoiceException(ErrorKind.INVALID_REQUEST, "plugin " + jar + " cannot be read: " + e.getMessage(),
                    null, null, null, e);
        }
        if (declared == null) {
            return;
        }
        SpiVersion built;
        try {
            built = SpiVersion.parse(declared);
        } catch (IllegalArgumentException e) {
            throw new VoiceException(ErrorKind.INVALID_REQUEST, "plugin " + jar + " declares " + SpiVersion.MANIFEST_ATTRIBUTE
                    + " '" + declared + "', which is not MAJOR.MINOR");
        }
        if (!SpiVersion.current().runs(built)) {
            throw new VoiceException(ErrorKind.INVALID_REQUEST, "plugin " + jar + " was built for provider SPI " + built
                    + "; this platform implements SPI " + SpiVersion.current() + " (it runs plugins of SPI "
                    + SpiVersion.current().major() + ".0 to " + SpiVersion.current() + ")");
        }
    }

    private static URL toUrl(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(jar.toString(), e);
        }
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // Nothing was loaded from it.
        }
    }
}
