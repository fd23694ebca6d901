package io.voiceplatform.app.openai;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code voice_requests_total{operation,status}} and {@code voice_request_seconds{operation}}. Meters are kept
 * once registered: building one is a registry lookup with tag sorting, too much to repeat on every request.
 */
final class RequestMetrics {
    private final MeterRegistry registry;
    private final Map<Outcome, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String operation, int status, long nanos) {
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
