package io.voiceplatform.tools.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * A small OpenAI-compatible upstream for tests, chaos drills and benchmarks: fixed answers after a set
 * latency, and faults at a set rate or per request ({@code X-Mock-Fault}, {@code X-Mock-Latency} headers).
 * {@code GET /mock/stats} counts what it received; {@code POST /mock/plan} changes the plan while it runs.
 */
public final class FaultProvider implements AutoCloseable {
    static final String FAULT_HEADER = "X-Mock-Fault";
    static final String LATENCY_HEADER = "X-Mock-Latency";
    static final String TRANSCRIPT = "the quick brown fox jumps over the lazy dog";
    private static final byte[] VERBOSE_JSON = "verbose_json".getBytes(StandardCharsets.US_ASCII);

    private final AtomicReference<FaultPlan> plan;
    private final ObjectMapper json = new ObjectMapper();
    private final FixedAudio audio = new FixedAudio();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "mock-provider-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final LongAdder transcriptions = new LongAdder();
    private final LongAdder speeches = new LongAdder();
    private final LongAdder faults = new LongAdder();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final Javalin app;

    private FaultProvider(FaultPlan initial, String host, int port) {
        this.plan = new AtomicReference<>(initial);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.startupWatcherEnabled = false;
            config.http.maxRequestSize = 64L << 20;
            config.routes.post("/v1/audio/transcriptions", this::transcribe);
            config.routes.post("/v1/audio/speech", this::speak);
            config.routes.get("/v1/models", ctx -> ctx.json(Map.of("object", "list", "data",
                    java.util.List.of(Map.of("id", "whisper-1", "object", "model"), Map.of("id", "tts-1", "object", "model")))));
            config.routes.get("/mock/stats", ctx -> ctx.json(Map.of("transcriptions", transcriptions.sum(), "speeches", speeches.sum(),
                    "faults", faults.sum(), "bytes_received", bytesReceived.get())));
            config.routes.post("/mock/reset", ctx -> {
                transcriptions.reset();
                speeches.reset();
                faults.reset();
                bytesReceived.set(0);
                ctx.status(204);
            });
            config.routes.post("/mock/plan", this::changePlan);
        });
        app.start(host, port);
    }

    public static FaultProvider start(FaultPlan plan, String host, int port) {
        return new FaultProvider(plan, host, port);
    }

    public int port() {
        return app.port();
    }

    /** Returns once the provider is closed, by another thread (a shutdown hook, say). */
    public void awaitClose() throws InterruptedException {
        app.jettyServer().server().join();
    }

    public void plan(FaultPlan next) {
        plan.set(next);
    }

    public long transcriptions() {
        return transcriptions.sum();
    }

    public long speeches() {
        return speeches.sum();
    }

    private void transcribe(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        bytesReceived.addAndGet(body.length);
        transcriptions.increment();
        boolean verbose = contains(body, VERBOSE_JSON);
        byte[] answer = verbose
                ? ("{\"task\":\"transcribe\",\"language\":\"english\",\"duration\":2.5,\"text\":\"" + TRANSCRIPT
                + "\",\"segments\":[{\"id\":0,\"start\":0.0,\"end\":2.5,\"text\":\"" + TRANSCRIPT + "\"}]}").getBytes(StandardCharsets.UTF_8)
                : ("{\"text\":\"" + TRANSCRIPT + "\"}").getBytes(StandardCharsets.UTF_8);
        respond(ctx, "application/json", answer);
    }

    private void speak(Context ctx) throws IOException {
        byte[] body = ctx.bodyAsBytes();
        bytesReceived.addAndGet(body.length);
        speeches.increment();
        String format = "mp3";
        try {
            JsonNode request = json.readTree(body);
            if (request != null && request.hasNonNull("response_format")) {
                format = request.get("response_format").asText();
            }
        } catch (IOException e) {
            ctx.status(400).json(error("invalid JSON body", "invalid_request_error"));
            return;
        }
        if (!FixedAudio.known(format)) {
            ctx.status(400).json(error("unknown response_format " + format, "invalid_request_error"));
            return;
        }
        respond(ctx, FixedAudio.mediaType(format), audio.body(format));
    }

    /** Waits the latency without holding a thread, then answers or plays the fault. */
    private void respond(Context ctx, String contentType, byte[] body) {
        FaultPlan current = plan.get();
        Fault fault = Fault.parse(ctx.header(FAULT_HEADER)).orElseGet(current::nextFault);
        String latencyHeader = ctx.header(LATENCY_HEADER);
        Duration latency = latencyHeader == null ? current.nextLatency() : FaultPlan.duration(latencyHeader);
        if (fault != Fault.NONE) {
            faults.increment();
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (fault == Fault.HANG) {
            ctx.future(() -> done);
            return;
        }
        Runnable answer = () -> {
            try {
                play(ctx, fault, contentType, body, current.retryAfter(), done);
            } catch (IOException | RuntimeException e) {
                done.complete(null);
            }
        };
        if (latency.isZero() && fault != Fault.DRIP) {
            answer.run();
            return;
        }
        ctx.future(() -> done);
        timer.schedule(answer, latency.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void play(Context ctx, Fault fault, String contentType, byte[] body, int retryAfter,
                      CompletableFuture<Void> done) throws IOException {
        switch (fault) {
            case NONE -> ctx.contentType(contentType).result(body);
            case ERROR_500 -> ctx.status(500).json(error("The server had an error while processing your request.", "server_error"));
            case ERROR_503 -> ctx.status(503).json(error("The engine is currently overloaded.", "server_error"));
            case RATE_LIMIT -> ctx.status(429).header("Retry-After", Integer.toString(retryAfter))
                    .json(error("Rate limit reached for requests.", "requests"));
            case UNAUTHORIZED -> ctx.status(401).json(error("Incorrect API key provided.", "invalid_request_error"));
            case MALFORMED -> ctx.contentType(contentType.startsWith("application/json") ? contentType : "application/json")
                    .result("{\"text\": \"unterminated");
            case EMPTY -> ctx.contentType(contentType).result(new byte[0]);
            case WRONG_TYPE -> ctx.contentType("text/html").result("<html><body>Bad gateway</body></html>");
            case RESET -> {
                ctx.res().setContentType(contentType);
                ctx.res().setContentLength(body.length);
                OutputStream out = ctx.res().getOutputStream();
                out.write(body, 0, body.length / 2);
                out.flush();
                ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection().getEndPoint()
                        .close(new IOException("reset by the fault provider"));
            }
            case DRIP -> {
                drip(ctx, contentType, "{\"text\":\"slow\"}".getBytes(StandardCharsets.UTF_8), done);
                return;
            }
            case HANG -> {
                return;
            }
        }
        done.complete(null);
    }

    /** One byte a second: the whole answer takes as many seconds as it has bytes. */
    private void drip(Context ctx, String contentType, byte[] body, CompletableFuture<Void> done) throws IOException {
        ctx.res().setContentType(contentType.startsWith("application/json") ? contentType : "application/json");
        ctx.res().setContentLength(body.length);
        OutputStream out = ctx.res().getOutputStream();
        for (int i = 0; i < body.length; i++) {
            int index = i;
            timer.schedule(() -> {
                try {
                    out.write(body[index]);
                    out.flush();
                    if (index == body.length - 1) {
                        done.complete(null);
                    }
                } catch (IOException e) {
                    done.complete(null);
                }
            }, i, TimeUnit.SECONDS);
        }
    }

    private void changePlan(Context ctx) throws IOException {
        JsonNode change = json.readTree(ctx.bodyAsBytes());
        FaultPlan old = plan.get();
        Duration[] latency = change.hasNonNull("latency") ? FaultPlan.parseLatency(change.get("latency").asText())
                : new Duration[]{old.minLatency(), old.maxLatency()};
        Fault fault = change.hasNonNull("mode") ? Fault.parse(change.get("mode").asText())
                .orElseThrow(() -> new IllegalArgumentException("unknown mode")) : old.fault();
        double failRate = change.hasNonNull("fail_rate") ? change.get("fail_rate").asDouble() : old.failRate();
        int retryAfter = change.hasNonNull("retry_after") ? change.get("retry_after").asInt() : old.retryAfter();
        plan.set(new FaultPlan(latency[0], latency[1], failRate, fault, retryAfter));
        ctx.status(204);
    }

    /** Whether the multipart body asks for verbose_json, without parsing it: the benchmark upstream stays cheap. */
    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static Map<String, Object> error(String message, String type) {
        Map<String, Object> error = new java.util.LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", null);
        error.put("code", null);
        return Map.of("error", error);
    }

    @Override
    public void close() {
        app.stop();
        timer.shutdownNow();
    }
}
