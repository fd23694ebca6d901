package io.voiceplatform.core.config;

import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigResolver;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The environment as configuration sees it: the process environment over the {@code .env} file. It resolves
 * the {@code ${?NAME}} aliases of the config files, and gives each value an origin that says where it came
 * from ({@code environment NAME}, {@code .env file PATH (NAME)}).
 */
final class Environment implements ConfigResolver {
    private static final String ENV_FILE_VARIABLE = "VOICE_ENV_FILE";

    private final Map<String, ConfigValue> values;
    private final Set<ConfigOrigin> origins;

    private Environment(Map<String, ConfigValue> values) {
        this.values = Map.copyOf(values);
        this.origins = values.values().stream().map(ConfigValue::origin).collect(Collectors.toUnmodifiableSet());
    }

    static Environment read(ConfigSources sources) {
        Map<String, ConfigValue> values = new HashMap<>();
        envFile(sources).ifPresent(file -> DotEnvFile.read(file).forEach((name, value) ->
                values.put(name, ConfigValueFactory.fromAnyRef(value, ".env file " + file + " (" + name + ")"))));
        sources.environment().forEach((name, value) ->
                values.put(name, ConfigValueFactory.fromAnyRef(value, "environment " + name)));
        return new Environment(values);
    }

    /** {@code VOICE_ENV_FILE} when set (it must exist), else {@code .env} in the working directory if present. */
    private static Optional<Path> envFile(ConfigSources sources) {
        String named = sources.environment().get(ENV_FILE_VARIABLE);
        if (named != null && !named.isBlank()) {
            Path file = sources.workingDir().resolve(named.strip()).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw new InvalidConfigException(ENV_FILE_VARIABLE + " = '" + named + "' (environment " + ENV_FILE_VARIABLE
                        + ") does not name a readable file");
            }
            return Optional.of(file);
        }
        Path file = sources.workingDir().resolve(".env").toAbsolutePath().normalize();
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).map(v -> (String) v.unwrapped());
    }

    /** Whether a config value was taken from this environment. */
    boolean isOriginOf(ConfigValue value) {
        return origins.contains(value.origin());
    }

    @Override
    public ConfigValue lookup(String path) {
        return values.get(path);
    }

    @Override
    public ConfigResolver withFallback(ConfigResolver fallback) {
        Environment self = this;
        return new ConfigResolver() {
            @Override
            public ConfigValue lookup(String path) {
                ConfigValue value = self.lookup(path);
                return value != null ? value : fallback.lookup(path);
            }

            @Override
            public ConfigResolver withFallback(ConfigResolver next) {
                return self.withFallback(fallback.withFallback(next));
            }
        };
    }
}
