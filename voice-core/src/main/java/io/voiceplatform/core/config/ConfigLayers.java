package io.voiceplatform.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads and merges the configuration layers, lowest first: every {@code reference.conf}; {@code application.conf}
 * on the class path or {@code -Dconfig.file}; the extra file ({@code --config} or {@code VOICE_CONFIG}); the
 * environment (with {@code .env}); {@code -Dvoice.*} system properties.
 *
 * <p>Environment variables are aliases declared in reference.conf ({@code key = ${?NAME}}). Merged the plain
 * Typesafe way, an application.conf value would hide such an alias, so the keys whose reference value came
 * from the environment are lifted into their own layer above the files.
 *
 * @param reference every reference.conf, resolved: the known keys and their defaults
 * @param effective all layers, resolved
 */
record ConfigLayers(Config reference, Config effective) {
    private static final String EXTRA_FILE_VARIABLE = "VOICE_CONFIG";

    static ConfigLayers load(ConfigSources sources, List<ClassLoader> pluginLoaders) {
        try {
            Environment environment = Environment.read(sources);
            ConfigResolveOptions resolving = ConfigResolveOptions.noSystem().appendResolver(environment);
            Config reference = ConfigFactory.parseResources(sources.classLoader(), OriginDescription.REFERENCE);
            for (ClassLoader loader : pluginLoaders) {
                reference = reference.withFallback(ConfigFactory.parseResources(loader, OriginDescription.REFERENCE));
            }
            Config resolvedReference = reference.resolve(resolving);
            Config effective = systemProperties(sources)
                    .withFallback(environmentOverlay(resolvedReference, environment))
                    .withFallback(extraFile(sources, environment))
                    .withFallback(application(sources))
                    .withFallback(reference)
                    .resolve(resolving);
            return new ConfigLayers(resolvedReference, effective);
        } catch (ConfigException e) {
            throw InvalidConfigException.of(e);
        }
    }

    private static Config environmentOverlay(Config resolvedReference, Environment environment) {
        Config overlay = ConfigFactory.empty();
        for (Map.Entry<String, ConfigValue> entry : resolvedReference.entrySet()) {
            if (environment.isOriginOf(entry.getValue())) {
                overlay = overlay.withValue(entry.getKey(), entry.getValue());
            }
        }
        return overlay;
    }

    private static Config application(ConfigSources sources) {
        String file = sources.systemProperties().get("config.file");
        if (file != null) {
            return parseFile(sources.workingDir().resolve(file), "system property config.file");
        }
        return ConfigFactory.parseResourcesAnySyntax(sources.classLoader(), "application");
    }

    private static Config extraFile(ConfigSources sources, Environment environment) {
        Optional<Path> fromCommandLine = sources.extraFile();
        if (fromCommandLine.isPresent()) {
            return parseFile(sources.workingDir().resolve(fromCommandLine.get()), "--config");
        }
        return environment.get(EXTRA_FILE_VARIABLE).filter(name -> !name.isBlank())
                .map(name -> parseFile(sources.workingDir().resolve(name.strip()), EXTRA_FILE_VARIABLE))
                .orElseGet(ConfigFactory::empty);
    }

    private static Config parseFile(Path file, String namedBy) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            throw new InvalidConfigException("config file " + absolute + " (named by " + namedBy + "): no such file");
        }
        if (!Files.isRegularFile(absolute) || !Files.isReadable(absolute)) {
            throw new InvalidConfigException("config file " + absolute + " (named by " + namedBy + ") is not a readable file");
        }
        return ConfigFactory.parseFile(absolute.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    }

    /** Only {@code voice.*} properties: the JVM's own ({@code java.*}, {@code user.*}) are not settings of ours. */
    private static Config systemProperties(ConfigSources sources) {
        Properties properties = new Properties();
        sources.systemProperties().forEach((name, value) -> {
            if (name.startsWith("voice.")) {
                properties.setProperty(name, value);
            }
        });
        return ConfigFactory.parseProperties(properties,
                ConfigParseOptions.defaults().setOriginDescription(OriginDescription.SYSTEM_PROPERTY));
    }
}
