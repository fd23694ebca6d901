package io.voiceplatform.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigResolver;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps docs/configuration.md true: every key of every module's reference.conf is documented with its
 * environment alias ({@code key = ${?NAME}}) and default, and the document names nothing that is gone.
 */
@Timeout(30)
class TestConfigurationDoc {
    private static final String DOC = "docs/configuration.md";
    private static final String ALIAS = "environment alias ";

    private static Path root;
    private static List<Path> referenceFiles;
    private static Map<String, Key> referenceKeys;
    private static Map<String, Row> documented;
    private static String doc;

    /** A key as a reference.conf declares it. */
    private record Key(String path, String env, String defaultValue, List<String> comments, Path file) {
    }

    /** A row of a table in the document. */
    private record Row(String key, String env, String defaultValue, String meaning) {
    }

    @BeforeAll
    static void read() throws IOException {
        root = repositoryRoot();
        referenceFiles = referenceFiles(root);
        referenceKeys = new TreeMap<>();
        for (Path file : referenceFiles) {
            referenceKeys.putAll(keys(file));
        }
        doc = Files.readString(root.resolve(DOC));
        documented = rows(doc);
    }

    @Test
    void documentsEveryKeyAndNoOther() {
        Set<String> missing = new TreeSet<>(referenceKeys.keySet());
        missing.removeAll(documented.keySet());
        Set<String> stale = new TreeSet<>(documented.keySet());
        stale.removeAll(referenceKeys.keySet());

        assertAll(
                () -> assertTrue(referenceKeys.containsKey("voice.limits.max-file-size-mb"), "voice-core's reference.conf was not read"),
                () -> assertEquals(Set.of(), missing, "keys in a reference.conf but not in " + DOC),
                () -> assertEquals(Set.of(), stale, "keys in " + DOC + " that no reference.conf has"));
    }

    @Test
    void documentsEachKeysEnvironmentNameAndDefault() {
        List<String> wrong = new ArrayList<>();
        referenceKeys.values().stream().filter(key -> documented.containsKey(key.path())).forEach(key -> {
            Row row = documented.get(key.path());
            if (!key.env().equals(row.env())) {
                wrong.add(key.path() + ": environment '" + row.env() + "' documented, '" + key.env() + "' in " + key.file());
            }
            if (!key.defaultValue().equals(row.defaultValue())) {
                wrong.add(key.path() + ": default '" + row.defaultValue() + "' documented, '" + key.defaultValue() + "' in " + key.file());
            }
            if (row.meaning().isBlank()) {
                wrong.add(key.path() + ": no meaning documented");
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void namesEachEnvironmentVariableOnce() {
        List<String> envs = documented.values().stream().map(Row::env).filter(env -> !env.isEmpty()).toList();
        assertEquals(new TreeSet<>(envs).size(), envs.size(), "an environment variable documented twice: " + envs);
        assertTrue(envs.contains("VOICE_V2_PERFORMANCE_ENABLED"));
    }

    @Test
    void everyReferenceKeyHasAComment() {
        List<String> uncommented = referenceKeys.values().stream().filter(key -> key.comments().isEmpty())
                .map(key -> key.path() + " in " + key.file()).toList();
        assertEquals(List.of(), uncommented);
    }

    @Test
    void everyReferenceFileHasASection() {
        List<String> absent = referenceFiles.stream().map(file -> root.relativize(file).toString().replace('\\', '/'))
                .filter(relative -> !doc.contains("`" + relative + "`")).toList();
        assertFalse(referenceFiles.isEmpty());
        assertEquals(List.of(), absent, "reference.conf files without a section in " + DOC);
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(DOC))) {
                return dir;
            }
        }
        throw new AssertionError(DOC + " not found above " + Path.of("").toAbsolutePath());
    }

    private static List<Path> referenceFiles(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                boolean skip = !dir.equals(root) && (name.equals("target") || name.startsWith(".") || name.equals("node_modules"));
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (file.endsWith(Path.of("src", "main", "resources", "reference.conf"))) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }

    /**
     * The keys of one reference.conf: defaults from resolving without any environment, aliases from resolving
     * with an environment in which every variable exists and is marked with its own name.
     */
    private static Map<String, Key> keys(Path file) {
        Config parsed = ConfigFactory.parseFile(file.toFile());
        Map<String, ConfigValue> defaults = leaves(parsed.resolve(ConfigResolveOptions.noSystem()).root());
        Map<String, ConfigValue> aliased = leaves(parsed.resolve(ConfigResolveOptions.noSystem().appendResolver(new ConfigResolver() {
            @Override
            public ConfigValue lookup(String name) {
                return ConfigValueFactory.fromAnyRef("", ALIAS + name);
            }

            @Override
            public ConfigResolver withFallback(ConfigResolver fallback) {
                return this;
            }
        })).root());
        Map<String, Key> keys = new TreeMap<>();
        aliased.forEach((path, marked) -> {
            String description = marked.origin().description();
            String env = description.startsWith(ALIAS) ? description.substring(ALIAS.length()) : "";
            ConfigValue defaultValue = defaults.get(path);
            keys.put(path, new Key(path, env, defaultValue == null ? "(none)" : shown(defaultValue),
                    defaultValue == null ? List.of() : defaultValue.origin().comments(), file));
        });
        return keys;
    }

    /** Every leaf, null values included; empty objects are not keys. */
    private static Map<String, ConfigValue> leaves(ConfigObject object) {
        Map<String, ConfigValue> leaves = new TreeMap<>();
        collect(List.of(), object, leaves);
        return leaves;
    }

    private static void collect(List<String> prefix, ConfigObject object, Map<String, ConfigValue> leaves) {
        object.forEach((name, value) -> {
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            if (value instanceof ConfigObject child) {
                collect(path, child, leaves);
            } else {
                leaves.put(ConfigUtil.joinPath(path), value);
            }
        });
    }

    /** A default as the document writes it: text bare, empty text as {@code ""}, anything else as written (numbers, booleans, lists as JSON). */
    private static String shown(ConfigValue value) {
        return switch (value.valueType()) {
            case STRING -> ((String) value.unwrapped()).isEmpty() ? "\"\"" : (String) value.unwrapped();
            default -> value.render(ConfigRenderOptions.concise());
        };
    }

    /** Rows {@code | `key` | `ENV` | `default` | meaning |}; an empty environment cell means no alias. */
    private static Map<String, Row> rows(String markdown) {
        Map<String, Row> rows = new TreeMap<>();
        for (String line : markdown.split("\\R")) {
            String[] cells = line.strip().split("\\|", -1);
            if (cells.length != 6 || !cells[1].strip().startsWith("`")) {
                continue;
            }
            Row row = new Row(code(cells[1]), code(cells[2]), code(cells[3]), cells[4].strip());
            if (rows.put(row.key(), row) != null) {
                throw new AssertionError(row.key() + " is documented twice in " + DOC);
            }
        }
        return rows;
    }

    private static String code(String cell) {
        String text = cell.strip();
        return text.length() >= 2 && text.startsWith("`") && text.endsWith("`") ? text.substring(1, text.length() - 1) : text;
    }
}
