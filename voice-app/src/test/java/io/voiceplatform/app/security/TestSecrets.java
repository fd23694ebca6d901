package io.voiceplatform.app.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.google.inject.multibindings.OptionalBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.voiceplatform.app.TestingBuiltInProviders;
import io.voiceplatform.app.badinput.RawHttp;
import io.voiceplatform.app.cli.VoiceCommand;
import io.voiceplatform.app.server.ServerSettings;
import io.voiceplatform.app.server.VoiceServer;
import io.voiceplatform.core.bootstrap.VoiceRuntime;
import io.voiceplatform.core.config.ConfigSources;
import io.voiceplatform.core.config.CoreSettingsReader;
import io.voiceplatform.core.config.VoiceConfig;
import io.voiceplatform.core.testing.TestingAudio;
import io.voiceplatform.tools.mock.Fault;
import io.voiceplatform.tools.mock.FaultPlan;
import io.voiceplatform.tools.mock.FaultProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real service with a canary caller key and a canary provider key, the OpenAI plugin pointed at the fault
 * provider on loopback (healthy, then failing with 503 and 401 so the error paths run). Neither canary may show
 * in any log line, error, health, metrics or {@code voice config}; no response sets a cookie or echoes request
 * input in a header; and nothing in a request (model, Host, X-Forwarded-Host, form fields) makes the service call
 * an address other than its configured base URL.
 */
class TestSecrets {
    // Secret.mask keeps the first three characters, so the checks look for everything after them.
    private static final String CALLER_KEY = "sk-caller-canary-7Tq4Wm9Zx2";
    private static final String PROVIDER_KEY = "sk-provider-canary-3Hv8Lp5Nc1";
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> seen = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger ours = (Logger) LoggerFactory.getLogger("io.voiceplatform");
    private final Level rootLevel = root.getLevel();
    private FaultProvider upstream;
    private VoiceRuntime runtime;
    private VoiceServer server;
    private ServerSocket elsewhere;
    private final AtomicInteger callsElsewhere = new AtomicInteger();

    @TempDir
    Path workDir;

    @AfterEach
    void stop() throws Exception {
        root.detachAppender(logs);
        root.setLevel(rootLevel);
        ours.setLevel(null);
        if (server != null) {
            server.close();
        }
        if (runtime != null) {
            runtime.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        if (elsewhere != null) {
            elsewhere.close();
        }
    }

    private Path start() throws Exception {
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.INFO);
        ours.setLevel(Level.TRACE);
        elsewhere = new ServerSocket(0);
        Thread counter = new Thread(() -> {
            while (!elsewhere.isClosed()) {
                try (Socket ignored = elsewhere.accept()) {
                    callsElsewhere.incrementAndGet();
                } catch (java.io.IOException closed) {
                    return;
                }
            }
        }, "elsewhere-listener");
        counter.setDaemon(true);
        counter.start();
        upstream = FaultProvider.start(FaultPlan.healthy(), "127.0.0.1", 0);
        Path conf = workDir.resolve("secrets.conf");
        Files.writeString(conf, """
                voice.server.api-keys = "%s"
                voice.server.rate-limit.per-minute = 100000
                voice.stt.providers = ["openai"]
                voice.tts.providers = ["openai"]
                voice.providers.local.enabled = false
                voice.providers.openai.enabled = true
                voice.providers.openai.api-key = "%s"
                voice.providers.openai.base-url = "http://127.0.0.1:%d/v1"
                voice.providers.openai.timeout = 2s
                voice.resilience.retry.initial-backoff = 10ms
                """.formatted(CALLER_KEY, PROVIDER_KEY, upstream.port()));
        VoiceConfig config = VoiceConfig.load(new ConfigSources(Map.of(), TestingBuiltInProviders.systemProperties(), workDir, Optional.of(conf), getClass().getClassLoader()));
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        runtime = VoiceRuntime.start(config, binder -> OptionalBinder.newOptionalBinder(binder, MeterRegistry.class)
                .setBinding().toInstance(meters));
        server = VoiceServer.start(runtime, ServerSettings.read(config, CoreSettingsReader.read(config)).withPort(0), meters);
        return conf;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        seen.add(response.statusCode() + " " + response.headers().map() + "\n" + response.body());
        assertTrue(response.headers().firstValue("Set-Cookie").isEmpty(), "a cookie was set: " + response.headers().map());
        return response;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    private HttpRequest.Builder speech(String key, String model) {
        return request("/v1/audio/speech").header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"input\":\"hello\",\"response_format\":\"mp3\"}"));
    }

    private HttpRequest.Builder transcription(String model, String... fields) {
        String boundary = "secrets";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(TestingAudio.wav(0.1, 440));
        body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n" + model + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < fields.length; i += 2) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n" + fields[i + 1] + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return request("/v1/audio/transcriptions").header("Authorization", "Bearer " + CALLER_KEY)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    }

    @Test
    @Timeout(120)
    void neitherCanaryShowsInLogsErrorsHealthMetricsOrConfig() throws Exception {
        Path conf = start();
        assertEquals(200, send(speech(CALLER_KEY, "auto")).statusCode());
        assertEquals(200, send(transcription("whisper-1")).statusCode());
        assertEquals(401, send(speech(CALLER_KEY + "x", "auto")).statusCode());
        assertEquals(401, send(speech(CALLER_KEY.substring(0, 10), "auto")).statusCode());
        assertEquals(401, send(request("/v1/models").header("Authorization", "Basic " + CALLER_KEY)).statusCode());
        upstream.plan(new FaultPlan(Duration.ZERO, Duration.ZERO, 1.0, Fault.ERROR_503, 1));
        int failed = send(speech(CALLER_KEY, "auto")).statusCode();
        assertTrue(failed == 502 || failed == 503, "status " + failed);
        upstream.plan(new FaultPlan(Duration.ZERO, Duration.ZERO, 1.0, Fault.UNAUTHORIZED, 1));
        send(transcription("openai/whisper-1"));
        send(speech(CALLER_KEY, "openai/tts-1"));
        for (String path : List.of("/health", "/health/ready", "/health/details", "/metrics", "/openapi.json", "/v1/models/none")) {
            send(request(path).header("Authorization", "Bearer " + CALLER_KEY));
        }
        StringWriter out = new StringWriter();
        CommandLine cli = VoiceCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        assertEquals(0, cli.execute("--config", conf.toString(), "config"));
        seen.add(out.toString());
        assertTrue(out.toString().contains("voice.providers.openai.api-key = sk-****"), out.toString());
        for (ILoggingEvent event : logs.list) {
            seen.add(event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())));
        }
        assertTrue(logs.list.size() > 5, "the logs were not captured: " + logs.list.size());
        for (String text : seen) {
            assertFalse(text.contains(CALLER_KEY.substring(3)), "the caller key shows in: " + text);
            assertFalse(text.contains(PROVIDER_KEY.substring(3)), "the provider key shows in: " + text);
        }
    }

    @Test
    @Timeout(120)
    void noRequestMakesTheServiceCallAnAddressItChooses() throws Exception {
        start();
        String there = "127.0.0.1:" + elsewhere.getLocalPort();
        for (String model : List.of("http://" + there + "/v1", "openai/http://" + there + "/v1", "http://169.254.169.254/latest/meta-data/",
                "//" + there, "openai@" + there)) {
            send(speech(CALLER_KEY, model));
            send(transcription(model));
        }
        send(transcription("whisper-1", "base_url", "http://" + there + "/v1", "url", "http://" + there, "callback", "http://" + there));
        send(speech(CALLER_KEY, "auto").header("X-Forwarded-Host", there).header("X-Forwarded-Proto", "http")
                .header("Forwarded", "host=" + there + ";proto=http"));
        // Host cannot be set through java.net.http: over a raw socket.
        String json = "{\"input\":\"hello\",\"response_format\":\"mp3\"}";
        try (RawHttp raw = new RawHttp(server.port())) {
            RawHttp.Response answer = raw.send("POST /v1/audio/speech HTTP/1.1\r\nHost: " + there + "\r\nAuthorization: Bearer " + CALLER_KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length() + "\r\n\r\n" + json).read(Duration.ofSeconds(20)).orElseThrow();
            assertEquals(200, answer.status(), answer.body());
        }
        try (RawHttp raw = new RawHttp(server.port())) {
            raw.send("POST http://" + there + "/v1/audio/speech HTTP/1.1\r\nHost: " + there + "\r\nAuthorization: Bearer " + CALLER_KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length() + "\r\n\r\n" + json).read(Duration.ofSeconds(20));
        }
        Thread.sleep(200);
        assertEquals(0, callsElsewhere.get(), "the service connected to an address a request named");
        assertTrue(upstream.speeches() > 0, "the configured upstream was called");
    }

    @Test
    @Timeout(60)
    void responseHeadersCarryNoCookieAndNoRequestInput() throws Exception {
        start();
        List<RawHttp.Response> answers = new ArrayList<>();
        String json = "{\"input\":\"hello\",\"response_format\":\"mp3\"}";
        for (String head : List.of(
                "X-Request-Id: <script>alert(1)</script>",
                "X-Request-Id: abc%0d%0aSet-Cookie:%20session=1",
                "X-Request-Id: abc\r\n Set-Cookie: folded=1",
                "Accept: text/html\"><script>alert(1)</script>",
                "Origin: http://evil.example\r\nCookie: session=stolen")) {
            try (RawHttp raw = new RawHttp(server.port())) {
                raw.send("POST /v1/audio/speech HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + CALLER_KEY + "\r\n" + head
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length() + "\r\n\r\n" + json)
                        .read(Duration.ofSeconds(20)).ifPresent(answers::add);
            }
        }
        for (String path : List.of("/v1/models/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/v1/models/a%0d%0aSet-Cookie:%20x=1", "/nope/%0d%0aX-Injected:%201")) {
            try (RawHttp raw = new RawHttp(server.port())) {
                raw.send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + CALLER_KEY + "\r\n\r\n")
                        .read(Duration.ofSeconds(20)).ifPresent(answers::add);
            }
        }
        HttpResponse<String> named = send(transcription("whisper-1").header("X-Request-Id", "fine-id-123"));
        assertEquals("fine-id-123", named.headers().firstValue("X-Request-Id").orElseThrow(), "a safe request id is kept");
        assertTrue(answers.size() >= 6, "answers: " + answers.size());
        for (RawHttp.Response answer : answers) {
            String headers = answer.headers().toString().toLowerCase(java.util.Locale.ROOT);
            assertFalse(answer.headers().containsKey("set-cookie"), "a cookie was set: " + answer.headers());
            assertFalse(answer.headers().containsKey("x-injected"), "a header was injected: " + answer.headers());
            assertFalse(headers.contains("<script") || headers.contains("session=") || headers.contains("evil.example"),
                    "request input echoed in a header: " + answer.headers());
        }
    }
}
