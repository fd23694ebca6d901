package io.voiceplatform.performance.cache.redis;

import org.junit.jupiter.api.Assumptions;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real {@code redis-server} on a loopback port, as a child process without persistence, for the shared-level
 * tests. It can be killed, restarted on the same port, frozen and thawed; {@link #command} talks RESP to it directly.
 */
final class RedisServerProcess implements AutoCloseable {
    private static final String SKIP = "VOICE_SKIP_REDIS_TESTS";

    private final int port;
    private final List<String> options;
    private final Path log;
    private Process process;

    private RedisServerProcess(int port, List<String> options) throws IOException {
        this.port = port;
        this.options = options;
        this.log = Files.createTempFile("redis-" + port, ".log");
    }

    /**
     * Installs redis-server with the project's script when it is missing (so that the README's test command
     * works on a fresh machine), and fails when that is impossible, or skips with {@code VOICE_SKIP_REDIS_TESTS=1}:
     * a shared level nobody tested must not pass as tested.
     */
    static void requireInstalled() {
        if (onPath()) {
            return;
        }
        Assumptions.assumeFalse("1".equals(System.getenv(SKIP)), "redis-server is not on PATH and " + SKIP + "=1: skipped");
        Optional<Path> script = installScript();
        if (script.isPresent()) {
            try {
                Process install = new ProcessBuilder("bash", script.get().toString(), "install").inheritIO().start();
                if (!install.waitFor(5, TimeUnit.MINUTES)) {
                    install.destroyForcibly();
                }
            } catch (IOException e) {
                // reported below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!onPath()) {
            fail("redis-server is not on PATH and scripts/redis-server.sh install could not install it"
                    + " (or set " + SKIP + "=1 to skip these tests)");
        }
    }

    private static boolean onPath() {
        return List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "redis-server")));
    }

    /** scripts/redis-server.sh of the checkout the tests run in. */
    private static Optional<Path> installScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("scripts").resolve("redis-server.sh");
            if (Files.isRegularFile(script)) {
                return Optional.of(script);
            }
        }
        return Optional.empty();
    }

    /** @param options more redis-server options, such as {@code --requirepass secret} */
    static RedisServerProcess start(String... options) throws IOException {
        RedisServerProcess redis = new RedisServerProcess(freePort(), List.of(options));
        redis.restart();
        return redis;
    }

    /** A port nothing listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts it (again) on the same port and waits, at most 10 s, until it answers PING. */
    void restart() throws IOException {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no"));
        command.addAll(options);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                Object pong = command("PING");
                if ("PONG".equals(pong) || String.valueOf(pong).startsWith("NOAUTH")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive()) {
                break;
            }
            sleep(20);
        }
        process.destroyForcibly();
        fail("redis-server on port " + port + " did not answer PING within 10 s:\n" + Files.readString(log));
    }

    /** SIGKILL: gone at once, as in a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGSTOP: connections stay open but nothing is answered, as in a Redis stuck or swapped out. */
    void freeze() throws IOException, InterruptedException {
        signal("-STOP");
    }

    void thaw() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    }

    /** One command over a fresh connection: a simple string, an error as "ERR ...", a number, bytes or a list. */
    Object command(String... args) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("*" + args.length + "\r\n");
            for (String arg : args) {
                request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return reply(new DataInputStream(new BufferedInputStream(socket.getInputStream())));
        }
    }

    private static Object reply(DataInputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        switch (type) {
            case '+', '-':
                return line;
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length + 2);
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            case '*': {
                List<Object> list = new ArrayList<>();
                for (int i = Integer.parseInt(line); i > 0; i--) {
                    list.add(reply(in));
                }
                return list;
            }
            default:
                throw new IOException("not a RESP reply: " + type + " " + line);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\r'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            line.append((char) c);
        }
        in.read();
        return line.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        if (process != null) {
            try {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Files.deleteIfExists(log);
    }
}
