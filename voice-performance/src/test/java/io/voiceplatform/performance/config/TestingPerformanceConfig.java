package io.voiceplatform.performance.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigResolver;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;

import io.voiceplatform.core.config.ConfigSources;
import io.voiceplatform.core.config.VoiceConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link Config} voice-core would bind: this module's reference.conf under a file's content, with
 * {@code ${?NAME}} aliases resolved from a given environment whose values say they came from it.
 */
public final class TestingPerformanceConfig {
    /** The origin description of {@link #load} file content. */
    public static final String FILE = "test.conf";

    private TestingPerformanceConfig() {
    }

    public static Config load(Map<String, String> environment, String file) {
        Config reference = ConfigFactory.parseResources(TestingPerformanceConfig.class.getClassLoader(), "reference.conf");
        Config overrides = ConfigFactory.parseString(file, ConfigParseOptions.defaults().setOriginDescription(FILE));
        return overrides.withFallback(reference).resolve(ConfigResolveOptions.noSystem().appendResolver(new ConfigResolver() {
            @Override
            public ConfigValue lookup(String name) {
                String value = environment.get(name);
                return value == null ? null : ConfigValueFactory.fromAnyRef(value, "environment " + name);
            }

            @Override
            public ConfigResolver withFallback(ConfigResolver fallback) {
                return this;
            }
        }));
    }

    public static Config defaults() {
        return load(Map.of(), "");
    }

    /**
     * The platform's {@link VoiceConfig} with {@code file} as the configuration file ({@code --config}) and the given
     * environment: every layer, every module's reference.conf, as the service reads them.
     */
    public static VoiceConfig voiceConfig(Map<String, String> environment, String file) {
        try {
            Path dir = Files.createTempDirectory("voice-performance-test");
            Path conf = Files.writeString(dir.resolve("test.conf"), file);
            conf.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return VoiceConfig.load(new ConfigSources(environment, Map.of(), dir, Optional.of(conf),
                    TestingPerformanceConfig.class.getClassLoader()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
