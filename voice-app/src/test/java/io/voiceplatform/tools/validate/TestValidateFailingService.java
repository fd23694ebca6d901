package io.voiceplatform.tools.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.voiceplatform.app.cli.VoiceCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A service that fails, or is not there, is never READY, and the report says what went wrong. */
@Timeout(30)
class TestValidateFailingService {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int validate(Path dir, String... args) throws Exception {
        Path conf = dir.resolve("validate.conf");
        Files.writeString(conf, "voice.performance.validation.enabled = true\n");
        CommandLine cli = VoiceCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 3];
        all[0] = "--config";
        all[1] = conf.toString();
        all[2] = "validate";
        System.arraycopy(args, 0, all, 3, args.length);
        return cli.execute(all);
    }

    @Test
    void aServiceAnswering503ToEveryRequestIsNotReadyAndExits1(@TempDir Path dir) throws Exception {
        HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.setExecutor(Executors.newFixedThreadPool(4));
        stub.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean health = exchange.getRequestURI().getPath().equals("/health");
            byte[] body = (health ? "{\"status\":\"UP\"}"
                    : "{\"error\":{\"message\":\"No usable provider.\",\"type\":\"service_unavailable_error\",\"param\":null,\"code\":null}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(health ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.start();
        try {
            int code = validate(dir, "--url", "http://127.0.0.1:" + stub.getAddress().getPort(), "--users", "2",
                    "--duration", "2s", "--report", dir.resolve("failing").toString());
            assertEquals(1, code, out.toString());
            JsonNode report = new ObjectMapper().readTree(dir.resolve("failing.json").toFile());
            assertTrue(Set.of("NOT_READY", "CRITICAL_ISSUES").contains(report.get("verdict").asText()), report.get("verdict").asText());
            JsonNode totals = report.get("totals");
            assertTrue(totals.get("requests").asLong() > 0);
            assertEquals(0, totals.get("successes").asLong());
            assertEquals(totals.get("requests").asLong(), totals.get("correct_errors").asLong(), "503 in OpenAI's shape is a correct error");
            assertEquals("503 service_unavailable_error", report.get("errors").get(0).get("kind").asText());
            assertTrue(report.get("notes").get(0).asText().contains("could not speak the transcription inputs"), report.get("notes").toString());
            assertTrue(report.get("resources").get("note").asText().contains("GET /metrics answered 503"), report.get("resources").toString());
        } finally {
            stub.stop(0);
        }
    }

    @Test
    void anUnreachableServiceIsCriticalAndStillReported(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        int code = validate(dir, "--url", "http://127.0.0.1:" + port, "--duration", "2s", "--report", dir.resolve("gone").toString());
        assertEquals(1, code);
        JsonNode report = new ObjectMapper().readTree(dir.resolve("gone.json").toFile());
        assertEquals("CRITICAL_ISSUES", report.get("verdict").asText());
        assertTrue(report.get("reasons").get(0).asText().startsWith("the service could not be reached"), report.get("reasons").toString());
        assertEquals(0, report.get("totals").get("requests").asLong());
        assertTrue(out.toString().startsWith("verdict: CRITICAL_ISSUES"), out.toString());
    }
}
