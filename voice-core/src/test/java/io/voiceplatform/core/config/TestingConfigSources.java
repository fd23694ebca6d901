package io.voiceplatform.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Builds {@link ConfigSources} for tests: an environment, system properties and files in a temporary directory. */
final class TestingConfigSources {
    private final Path workingDir;
    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, String> systemProperties = new HashMap<>();
    private Optional<Path> extraFile = Optional.empty();
    private ClassLoader classLoader = TestingConfigSources.class.getClassLoader();

    TestingConfigSources(Path workingDir) {
        this.workingDir = workingDir;
    }

    TestingConfigSources env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    TestingConfigSources property(String name, String value) {
        systemProperties.put(name, value);
        return this;
    }

    TestingConfigSources extraFile(Path file) {
        extraFile = Optional.of(file);
        return this;
    }

    /** Puts a resource (e.g. application.conf) on the class path, in front of the test class path. */
    TestingConfigSources classPathResource(String name, String content) {
        Path dir = workingDir.resolve("classpath-" + name.replace('/', '-'));
        write(dir.resolve(name), content);
        classLoader = new URLClassLoader(new URL[]{url(dir)}, classLoader);
        return this;
    }

    /** Writes a file relative to the working directory and returns its absolute path. */
    Path write(String relative, String content) {
        return write(workingDir.resolve(relative), content);
    }

    ConfigSources sources() {
        return new ConfigSources(environment, systemProperties, workingDir, extraFile, classLoader);
    }

    VoiceConfig load() {
        return VoiceConfig.load(sources());
    }

    /** A class loader that sees only {@code dir}, as a plugin jar's loader sees only its jar. */
    static ClassLoader isolatedLoader(Path dir) {
        return new URLClassLoader(new URL[]{url(dir)}, null);
    }

    private static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL url(Path dir) {
        try {
            return dir.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
