package io.voiceplatform.app.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.util.JavalinException;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.voiceplatform.app.openai.OpenAiApi;
import io.voiceplatform.core.bootstrap.VoiceRuntime;
import io.voiceplatform.core.health.HealthReport;
import io.voiceplatform.core.health.PerformanceStatus;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP service: OpenAI's audio API, health and metrics, on Javalin (Jetty). Stopping it refuses new
 * connections and lets the requests in flight finish, up to the shutdown grace.
 */
public final class VoiceServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VoiceServer.class);
    private static final Logger access = LoggerFactory.getLogger("voice.access");
    private static final Duration POOL_IDLE = Duration.ofSeconds(10);

    private final Javalin app;
    private final VoiceRuntime runtime;
    private final long startedAt = System.currentTimeMillis();

    private VoiceServer(Javalin app, VoiceRuntime runtime) {
        this.app = app;
        this.runtime = runtime;
    }

    public static VoiceServer start(VoiceRuntime runtime, ServerSettings settings, PrometheusMeterRegistry meters) {
        ObjectMapper json = new ObjectMapper();
        OpenAiApi api = new OpenAiApi(runtime.pipeline(), runtime.registry(),
                runtime.injector().getInstance(PerformanceStatus.class), settings.api(), meters, json);
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            api.configure(config);
            config.jetty.threadPool = requestThreads();
            config.jetty.modifyServer(server -> server.setStopTimeout(settings.shutdownGrace().toMillis()));
            config.jetty.modifyServletContextHandler(handler -> handler.insertHandler(new StatisticsHandler()));
            config.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setIdleTimeout(settings.readTimeout().toMillis());
            });
            config.requestLogger.http((ctx, millis) -> access.info("{} {} {} {}ms provider={} cache={} request_id={}",
                    ctx.method(), ctx.path(), ctx.statusCode(), Math.round(millis),
                    header(ctx, "X-Voice-Provider"), header(ctx, "X-Voice-Cache"), header(ctx, "X-Request-Id")));
        });
        VoiceServer server = new VoiceServer(app, runtime);
        api.register(app);
        app.get("/health", ctx -> ctx.json(Map.of("status", "UP")));
        app.get("/health/ready", server::ready);
        app.get("/health/details", server::details);
        app.get("/metrics", ctx -> {
            if (settings.api().metricsAuth()) {
                api.authenticate(ctx);
            }
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(meters.scrape());
        });
        byte[] openApi = openApi();
        app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        app.start(settings.host(), settings.port());
        // The read timeout also closes a connection that sends nothing (or half a request line) for that long;
        // Jetty's own default would hold it for 30 s whatever the setting says.
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof AbstractConnector network) {
                network.setIdleTimeout(settings.readTimeout().toMillis());
            }
        }
        new JettyServerThreadPoolMetrics(app.jettyServer().server().getThreadPool(), List.of()).bindTo(meters);
        return server;
    }

    /**
     * Javalin's default pool (250 threads, 8 kept), except that idle threads are let go after 10 s, all of them
     * at once if need be: Jetty's default lets one idle thread go per minute, so a burst of 1,000 connections
     * left dozens of threads behind for an hour.
     */
    private static QueuedThreadPool requestThreads() {
        QueuedThreadPool threads = new QueuedThreadPool(250, 8, (int) POOL_IDLE.toMillis());
        threads.setName("JettyServerThreadPool");
        threads.setMaxEvictCount(250);
        return threads;
    }

    public int port() {
        return app.port();
    }

    private void ready(Context ctx) {
        boolean ready = runtime.health().ready();
        ctx.status(ready ? 200 : 503).json(Map.of("status", ready ? "READY" : "NOT_READY"));
    }

    private void details(Context ctx) {
        HealthReport report = runtime.health().report();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.status());
        body.put("ready", report.ready());
        body.put("version", Version.current());
        body.put("uptime_seconds", (System.currentTimeMillis() - startedAt) / 1000);
        body.put("providers", report.providers());
        body.put("performance", report.performance());
        ctx.json(body);
    }

    private static byte[] openApi() {
        try (var in = VoiceServer.class.getResourceAsStream("/openapi/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the voice-app jar");
            }
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String header(Context ctx, String name) {
        String value = ctx.res().getHeader(name);
        return value == null ? "-" : value;
    }

    /** Graceful: new connections are refused, requests in flight finish within the shutdown grace. */
    @Override
    public void close() {
        long start = System.nanoTime();
        try {
            app.stop();
        } catch (JavalinException e) {
            // The grace ran out: what is still in flight is cut off; stopping goes on regardless.
            log.warn("requests still in flight after the shutdown grace were cut off ({})", e.getMessage());
        }
        log.info("HTTP service stopped after {} ms", Duration.ofNanos(System.nanoTime() - start).toMillis());
    }
}
