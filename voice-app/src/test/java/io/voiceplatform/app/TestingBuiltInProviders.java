package io.voiceplatform.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The built-in providers laid out as in the distribution, one directory each with its own dependencies: the build
 * unpacks them into target/providers before the tests (voice-app's pom), and passes that directory in
 * {@code voice.plugins.builtin-dir}, as bin/voice passes the distribution's providers/. So every test that uses
 * a built-in provider loads it through the plugin loader, in its own class loader.
 */
public final class TestingBuiltInProviders {
    public static final String PROPERTY = "voice.plugins.builtin-dir";

    private TestingBuiltInProviders() {
    }

    public static Path dir() {
        Path dir = Path.of(System.getProperty(PROPERTY, "target/providers")).toAbsolutePath();
        if (!Files.isDirectory(dir.resolve("local"))) {
            throw new IllegalStateException("no built-in providers in " + dir + ": the build unpacks them (mvn verify)");
        }
        return dir;
    }

    /** The system properties of a service started from the distribution, as far as plugins go. */
    public static Map<String, String> systemProperties() {
        return Map.of(PROPERTY, dir().toString());
    }
}
