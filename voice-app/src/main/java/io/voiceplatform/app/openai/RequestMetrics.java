package io.voiceplatform.app.openai;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code voice_requests_total{operation,status}} and {@code voice_request_seconds{operation}} of every request to an
 * audio endpoint, refused ones included, from before its admission until its answer is ready (a streamed one sent).
 * Meters are kept once registered: building one is a registry lookup with tag sorting, too much to repeat on every
 * request.
 */
final class RequestMetrics {
    private static final String STARTED = "voice.started";
    private static final Map<String, String> OPERATIONS = Map.of("/v1/audio/transcriptions", "stt", "/v1/audio/speech", "tts");

    private final MeterRegistry registry;
    private final Map<Outcome, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registered before the admission filter, so that the requests it refuses count too. */
    void register(RoutesConfig routes) {
        routes.before("/v1/audio/*", ctx -> ctx.attribute(STARTED, System.nanoTime()));
        // After handlers run once the answer is complete (a streamed one sent), errors included.
        routes.after("/v1/audio/*", this::record);
    }

    private void record(Context ctx) {
        String operation = OPERATIONS.get(ctx.path());
        Long started = ctx.attribute(STARTED);
        if (operation != null && started != null) {
            record(operation, ctx.statusCode(), System.nanoTime() - started);
        }
    }

    private void record(String operation, int status, long nanos) {
        requests.computeIfAbsent(new Outcome(operation, status), outcome -> Counter.builder("voice.requests")
                .description("Audio API requests by outcome")
                .tag("operation", outcome.operation()).tag("status", Integer.toString(outcome.status()))
                .register(registry)).increment();
        latencies.computeIfAbsent(operation, op -> Timer.builder("voice.request").description("Audio API request latency")
                .tag("operation", op).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    private record Outcome(String operation, int status) {
    }
}
