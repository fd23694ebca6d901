package io.voiceplatform.core.testing;

import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.api.plugin.SpiVersion;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * A real plugin jar, compiled during the test against voice-api only. Its STT provider answers with its
 * {@code greeting} setting (default {@code hello}) and the audio's size in bytes, e.g. {@code "hello 3"}.
 */
public final class TestingPluginJar {
    private static final String PLUGIN_SOURCE = """
            package acme.voice;

            import io.voiceplatform.api.*;
            import io.voiceplatform.api.plugin.*;
            import java.time.Duration;
            import java.util.*;
            import java.util.concurrent.*;

            public final class AcmePlugin implements ProviderPlugin {
                public String id() { return "ID"; }

                public Optional<SttProvider> createStt(ProviderContext context) {
                    String greeting = context.settings().getString("greeting", "hello");
                    return Optional.of(new SttProvider() {
                        public String id() { return "ID"; }
                        public ProviderCapabilities capabilities() {
                            return ProviderCapabilities.builder().inputFormats(AudioFormat.WAV).maxAudioBytes(1000000).build();
                        }
                        public CompletionStage<Transcript> transcribe(TranscriptionRequest request) {
                            return CompletableFuture.completedFuture(new Transcript(greeting + " " + request.audio().size(),
                                    "en", OptionalDouble.empty(), Duration.ZERO, List.of(), List.of(), "ID", "acme-1"));
                        }
                        public void close() { }
                    });
                }
            }
            """;

    /** The constructor of {@link #constructorThrows()}: the root cause is what an operator must see. */
    private static final String THROWING_CONSTRUCTOR = """
                public AcmePlugin() {
                    throw new IllegalStateException("no licence", new java.io.FileNotFoundException("acme.licence"));
                }

                public String id()""";

    /** The STT provider's close() of {@link #closeHangs()}: deaf to interrupts, as a stuck native call would be. */
    private static final String HANGING_CLOSE =
            "public void close() { while (true) { try { Thread.sleep(60_000); } catch (InterruptedException ignored) { } } }";

    private final String id;
    private boolean constructorThrows;
    private boolean closeHangs;
    private String spiVersion;
    private String referenceConf;

    private TestingPluginJar(String id) {
        this.id = id;
    }

    /** A plugin whose provider id is {@code id}; every plugin built by this class has the class acme.voice.AcmePlugin. */
    public static TestingPluginJar of(String id) {
        return new TestingPluginJar(id);
    }

    /** The {@code Voice-SPI-Version} its manifest declares (none by default). */
    public TestingPluginJar spiVersion(String version) {
        this.spiVersion = version;
        return this;
    }

    /**
     * Its plugin's constructor throws {@code IllegalStateException("no licence")}, caused by
     * {@code FileNotFoundException("acme.licence")}.
     */
    public TestingPluginJar constructorThrows() {
        this.constructorThrows = true;
        return this;
    }

    /** Its STT provider's {@code close()} never returns. */
    public TestingPluginJar closeHangs() {
        this.closeHangs = true;
        return this;
    }

    /** The reference.conf it ships (none by default). */
    public TestingPluginJar referenceConf(String text) {
        this.referenceConf = text;
        return this;
    }

    /** Compiles the plugin in {@code workDir} and writes the jar; returns {@code jar}. */
    public Path writeTo(Path jar, Path workDir) throws IOException {
        String source = PLUGIN_SOURCE.replace("\"ID\"", "\"" + id + "\"");
        if (constructorThrows) {
            source = source.replaceFirst("    public String id\\(\\)", THROWING_CONSTRUCTOR);
        }
        if (closeHangs) {
            source = source.replace("public void close() { }", HANGING_CLOSE);
        }
        Path classes = compile(workDir, Map.of("acme/voice/AcmePlugin.java", source));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (spiVersion != null) {
            manifest.getMainAttributes().putValue(SpiVersion.MANIFEST_ATTRIBUTE, spiVersion);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
            write(out, "META-INF/services/" + ProviderPlugin.class.getName(), "acme.voice.AcmePlugin\n");
            if (referenceConf != null) {
                write(out, "reference.conf", referenceConf);
            }
        }
        return jar;
    }

    /**
     * Compiles Java sources against voice-api, for Java 17.
     *
     * @param sources each source file's path under the source root, and its text
     * @return the directory of the classes
     */
    public static Path compile(Path workDir, Map<String, String> sources) throws IOException {
        Path classes = Files.createDirectories(workDir.resolve("classes"));
        String api = Path.of(ProviderPlugin.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-cp", api, "-d", classes.toString()));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = workDir.resolve("src").resolve(source.getKey());
            Files.createDirectories(file.getParent());
            arguments.add(Files.writeString(file, source.getValue()).toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac.run(null, null, null, arguments.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("the test sources did not compile: " + sources.keySet());
        }
        return classes;
    }

    private static void write(JarOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
