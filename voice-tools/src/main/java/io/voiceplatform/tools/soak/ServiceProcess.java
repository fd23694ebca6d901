package io.voiceplatform.tools.soak;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The service as the distribution runs it, {@code bin/voice --config FILE serve --port N}, in a child process
 * whose output goes to a log file. Stopped on {@link #close()}, or when the soak's JVM exits.
 */
final class ServiceProcess implements AutoCloseable {
    /** The heap unless JAVA_OPTS says otherwise: the soak's figures are for a service with 512 MB. */
    static final String DEFAULT_JAVA_OPTS = "-Xmx512m";
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final Duration POLL_EVERY = Duration.ofMillis(500);
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);
    /** Past voice.server.shutdown-grace (30 s): a graceful stop gets its time, then the process is killed. */
    private static final Duration STOP_LIMIT = Duration.ofSeconds(40);

    private final Process process;
    private final URI url;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HEALTH_TIMEOUT).build();

    private ServiceProcess(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** Starts the service on a free loopback port and returns once GET /health answers 200. */
    static ServiceProcess start(Path launcher, Path config, Path log) throws IOException, InterruptedException {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "--config", config.toString(), "serve",
                "--port", Integer.toString(port)).redirectErrorStream(true).redirectOutput(log.toFile());
        String javaOpts = builder.environment().get("JAVA_OPTS");
        if (javaOpts == null || javaOpts.isBlank()) {
            builder.environment().put("JAVA_OPTS", DEFAULT_JAVA_OPTS);
        }
        ServiceProcess service = new ServiceProcess(builder.start(), URI.create("http://127.0.0.1:" + port), log);
        // Ctrl-C or SIGTERM on the soak must not leave the service running.
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "soak-stop-service"));
        try {
            service.awaitHealthy();
        } catch (IOException | InterruptedException | RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    URI url() {
        return url;
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        HttpRequest health = HttpRequest.newBuilder(url.resolve("/health")).timeout(HEALTH_TIMEOUT).build();
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the service exited with code " + process.exitValue() + " before it was healthy; see " + log);
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(POLL_EVERY.toMillis());
        }
        throw new IOException("the service did not answer GET /health with 200 within " + START_LIMIT.toSeconds() + " s; see " + log);
    }

    /** SIGTERM, so the service stops as in production; killed if it is still there after {@link #STOP_LIMIT}. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
