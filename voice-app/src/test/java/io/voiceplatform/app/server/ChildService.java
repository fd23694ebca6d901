package io.voiceplatform.app.server;

import io.voiceplatform.app.TestingBuiltInProviders;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The service started as `voice serve` in a child JVM, on a class path the test chooses, with the built-in
 * providers and the plugins directory passed as bin/voice passes them.
 */
final class ChildService implements AutoCloseable {
    private final Process process;
    private final Path log;
    final int port;

    private ChildService(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** The test class path (surefire passes it in a manifest-only jar, and names it in this property). */
    static List<String> testClassPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.asList(cp.split(File.pathSeparator));
    }

    static ChildService start(Predicate<String> keepOnClassPath, Map<String, String> env, List<String> jvmOptions,
                              Path workDir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String classPath = testClassPath().stream().filter(keepOnClassPath).collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-D" + TestingBuiltInProviders.PROPERTY + "=" + TestingBuiltInProviders.dir(),
                "-Dvoice.plugins.dir=" + workDir.resolve("plugins")));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, "io.voiceplatform.app.Main", "serve", "--port", Integer.toString(port)));
        Path log = workDir.resolve("child.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("VOICE_"));
        builder.environment().putAll(env);
        ChildService child = new ChildService(builder.start(), log, port);
        child.awaitHealthy();
        return child;
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 300; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited: " + log());
            }
            try {
                if (get("/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the service did not become healthy: " + log());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> speak(String json) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/audio/speech"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** Sends SIGTERM, as systemd's stop does, and returns the exit code; fails if it is still running after {@code limit}. */
    int terminate(Duration limit) throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("still running " + limit.toSeconds() + " s after SIGTERM: " + log());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
