package io.voiceplatform.core.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Everything the configuration is read from, captured once so that tests can supply their own.
 *
 * @param environment      environment variables
 * @param systemProperties JVM system properties ({@code -Dvoice.x=y}, {@code -Dconfig.file=...})
 * @param workingDir       where {@code .env} is looked for and relative paths start
 * @param extraFile        a file given on the command line ({@code --config FILE}); when empty, the environment
 *                         variable {@code VOICE_CONFIG} may name one
 * @param classLoader      where {@code reference.conf} and {@code application.conf} are found
 */
public record ConfigSources(Map<String, String> environment, Map<String, String> systemProperties, Path workingDir,
                            Optional<Path> extraFile, ClassLoader classLoader) {
    public ConfigSources {
        environment = Map.copyOf(environment);
        systemProperties = Map.copyOf(systemProperties);
        Objects.requireNonNull(workingDir, "workingDir");
        Objects.requireNonNull(extraFile, "extraFile");
        Objects.requireNonNull(classLoader, "classLoader");
    }

    /** The sources of this process: its environment, its system properties and the class path of this class. */
    public static ConfigSources fromProcess(Path workingDir, Optional<Path> extraFile) {
        Properties properties = System.getProperties();
        Map<String, String> systemProperties = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            systemProperties.put(name, properties.getProperty(name));
        }
        return new ConfigSources(System.getenv(), systemProperties, workingDir.toAbsolutePath(), extraFile,
                ConfigSources.class.getClassLoader());
    }

    /** Counts instead of values: the environment holds credentials. */
    @Override
    public String toString() {
        return "ConfigSources[workingDir=" + workingDir + ", extraFile=" + extraFile.map(Path::toString).orElse("none")
                + ", " + environment.size() + " environment variables, " + systemProperties.size() + " system properties]";
    }
}
