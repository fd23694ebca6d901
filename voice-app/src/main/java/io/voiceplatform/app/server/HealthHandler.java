package io.voiceplatform.app.server;

import io.javalin.http.Context;
import io.voiceplatform.core.health.HealthReport;
import io.voiceplatform.core.health.HealthService;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /health} (alive), {@code /health/ready} (a provider can serve) and {@code /health/details}. */
final class HealthHandler {
    private final HealthService health;
    private final long startedAt = System.currentTimeMillis();

    HealthHandler(HealthService health) {
        this.health = health;
    }

    void alive(Context ctx) {
        ctx.json(Map.of("status", "UP"));
    }

    void ready(Context ctx) {
        boolean ready = health.ready();
        ctx.status(ready ? 200 : 503).json(Map.of("status", ready ? "READY" : "NOT_READY"));
    }

    void details(Context ctx) {
        HealthReport report = health.report();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.status());
        body.put("ready", report.ready());
        body.put("version", Version.current());
        body.put("uptime_seconds", (System.currentTimeMillis() - startedAt) / 1000);
        body.put("providers", report.providers());
        body.put("performance", report.performance());
        ctx.json(body);
    }
}
