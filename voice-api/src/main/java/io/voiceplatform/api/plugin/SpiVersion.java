package io.voiceplatform.api.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of the provider SPI (this module) that the platform implements, {@code MAJOR.MINOR}. A minor
 * version only adds (new types, new default methods), so a plugin built against {@code 1.0} runs on {@code 1.3};
 * a major version may break plugins. The build checks voice-api against the recorded baseline of its major
 * version and fails on a binary-incompatible change unless the major version is raised.
 *
 * <p>A plugin jar may declare the version it was built against in its manifest as {@code Voice-SPI-Version};
 * the platform refuses a plugin built for another major version, or for a newer minor one.
 */
public final class SpiVersion {
    /** The manifest attribute of a plugin jar that names the SPI version it was built against. */
    public static final String MANIFEST_ATTRIBUTE = "Voice-SPI-Version";

    private static final SpiVersion CURRENT = read();

    private final int major;
    private final int minor;

    private SpiVersion(int major, int minor) {
        this.major = major;
        this.minor = minor;
    }

    /** The version this platform implements. */
    public static SpiVersion current() {
        return CURRENT;
    }

    /** Parses {@code MAJOR.MINOR}; an {@link IllegalArgumentException} for anything else. */
    public static SpiVersion parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split("\\.");
        try {
            if (parts.length == 2) {
                int major = Integer.parseInt(parts[0]);
                int minor = Integer.parseInt(parts[1]);
                if (major >= 0 && minor >= 0) {
                    return new SpiVersion(major, minor);
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("not an SPI version (MAJOR.MINOR): '" + text + "'");
    }

    public int major() {
        return major;
    }

    public int minor() {
        return minor;
    }

    /** Whether a plugin built against {@code built} runs on this version: same major, minor not newer. */
    public boolean runs(SpiVersion built) {
        return built.major == major && built.minor <= minor;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpiVersion other && other.major == major && other.minor == minor;
    }

    @Override
    public int hashCode() {
        return 31 * major + minor;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }

    private static SpiVersion read() {
        try (InputStream in = SpiVersion.class.getResourceAsStream("spi-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("spi-version.properties is missing from voice-api");
            }
            Properties properties = new Properties();
            properties.load(in);
            return parse(properties.getProperty("version"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
