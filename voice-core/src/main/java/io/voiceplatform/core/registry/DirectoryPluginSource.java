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
 * Plugins in a directory: each {@code *.jar} directly in it is one plugin, and each sub-directory is one plugin
 * made of all the jars inside it. Every plugin gets its own class loader, whose parent shows the JDK, voice-api
 * and voice-provider-support only ({@link PluginParentClassLoader}). The built-in providers and the plugins an
 * operator adds are loaded alike, so the isolation third parties get is the one the built-ins run with.
 */
public final class DirectoryPluginSource implements PluginSource {
    private static final String BUILT_IN = "built-in, ";

    private final Path directory;
    private final boolean builtIn;
    private final ClassLoader parent;

    private DirectoryPluginSource(Path directory, boolean builtIn, ClassLoader application) {
        this.directory = directory;
        this.builtIn = builtIn;
        this.parent = new PluginParentClassLoader(application);
    }

    /**
     * Plugins an operator added; each one's origin is its jar or directory. They serve only requests that pin
     * them until the configuration lists them in a chain: a plugin dropped in never answers other requests.
     */
    public DirectoryPluginSource(Path directory, ClassLoader application) {
        this(directory, false, application);
    }

    /**
     * The providers shipped with the distribution; each one's origin says {@code built-in} before its directory.
     * Each is off until its settings enable it, and then joins the default chain.
     */
    public static DirectoryPluginSource builtIn(Path directory, ClassLoader application) {
        return new DirectoryPluginSource(directory, true, application);
    }

    @Override
    public List<DiscoveredPlugin> discover() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<DiscoveredPlugin> found = new ArrayList<>();
        try {
            for (Path entry : list(directory)) {
                List<Path> jars = jarsOf(entry);
                if (!jars.isEmpty()) {
                    found.addAll(load(entry, jars));
                }
            }
        } catch (RuntimeException e) {
            // Start-up stops here, so the loaders opened so far are ours to close.
            found.forEach(plugin -> closeQuietly((URLClassLoader) plugin.loader()));
            throw e;
        }
        return found;
    }

    private static List<Path> jarsOf(Path entry) {
        if (Files.isRegularFile(entry) && isJar(entry)) {
            return List.of(entry);
        }
        if (Files.isDirectory(entry)) {
            return list(entry).stream().filter(p -> Files.isRegularFile(p) && isJar(p)).toList();
        }
        return List.of();
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list plugin directory " + dir, e);
        }
    }

    private static boolean isJar(Path p) {
        return p.getFileName().toString().endsWith(".jar");
    }

    /**
     * The plugins of one jar or directory, or none when it cannot be loaded (unreadable jar, wrong SPI version,
     * no or broken service entry, a class missing, a constructor that throws): it is then skipped with one
     * ERROR line, so that one broken plugin cannot stop the others.
     */
    private List<DiscoveredPlugin> load(Path origin, List<Path> jars) {
        String described = (builtIn ? BUILT_IN : "") + origin.toAbsolutePath().normalize();
        URLClassLoader loader = null;
        try {
            jars.forEach(DirectoryPluginSource::checkSpiVersion);
            URL[] urls = jars.stream().map(DirectoryPluginSource::toUrl).toArray(URL[]::new);
            loader = new URLClassLoader("plugin:" + origin.getFileName(), urls, parent);
            List<DiscoveredPlugin> found = new ArrayList<>();
            for (ProviderPlugin plugin : ServiceLoader.load(ProviderPlugin.class, loader)) {
                // An id() that throws marks a broken plugin too: asked here, it skips only this one.
                plugin.id();
                found.add(new DiscoveredPlugin(plugin, described, loader, builtIn));
            }
            if (found.isEmpty()) {
                throw new VoiceException(ErrorKind.INVALID_REQUEST, "no META-INF/services/" + ProviderPlugin.class.getName()
                        + " entry");
            }
            return found;
        } catch (RuntimeException | ServiceConfigurationError | LinkageError e) {
            if (loader != null) {
                closeQuietly(loader);
            }
            SkippedPlugin.report(described, "it cannot be loaded", e);
            return List.of();
        }
    }

    /** A jar that says which SPI version it was built against must be one this platform runs. */
    private static void checkSpiVersion(Path jar) {
        String declared;
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            declared = manifest == null ? null : manifest.getMainAttributes().getValue(SpiVersion.MANIFEST_ATTRIBUTE);
        } catch (IOException e) {
            throw new VoiceException(ErrorKind.INVALID_REQUEST, jar.getFileName() + " cannot be read: " + e.getMessage(),
                    null, null, null, e);
        }
        if (declared == null) {
            return;
        }
        SpiVersion built;
        try {
            built = SpiVersion.parse(declared);
        } catch (IllegalArgumentException e) {
            throw new VoiceException(ErrorKind.INVALID_REQUEST, jar.getFileName() + " declares " + SpiVersion.MANIFEST_ATTRIBUTE
                    + " '" + declared + "', which is not MAJOR.MINOR");
        }
        if (!SpiVersion.current().runs(built)) {
            throw new VoiceException(ErrorKind.INVALID_REQUEST, jar.getFileName() + " was built for provider SPI " + built
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
            // Closing only releases the jar files; the failure being reported matters more.
        }
    }
}
