package io.voiceplatform.app.openai;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/** {@code voice_requests_total{operation,status}} and {@code voice_request_seconds{operation}}. */
final class RequestMetrics {
    private final MeterRegistry registry;

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String operation, int status, long nanos) {
        Counter.builder("voice.requests").description("Audio API requests by outcome")
                .tag("operation", operation).tag("status", Integer.toString(status))
                .register(registry).increment();
        Timer.builder("voice.request").description("Audio API request latency")
                .tag("operation", operation).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry).record(Duration.ofNanos(nanos));
    }
}
