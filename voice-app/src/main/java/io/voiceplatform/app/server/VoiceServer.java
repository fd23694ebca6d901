package io.voiceplatform.app.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.util.JavalinException;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.voiceplatform.app.openai.OpenAiApi;
import io.voiceplatform.core.bootstrap.VoiceRuntime;
import io.voiceplatform.core.health.PerformanceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * The HTTP service: OpenAI's audio API, health and metrics, on Javalin (Jetty). Stopping it refuses new
 * connections and lets the requests in flight finish, up to the shutdown grace.
 */
public final class VoiceServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VoiceServer.class);

    private final Javalin app;

    private VoiceServer(Javalin app) {
        this.app = app;
    }

    public static VoiceServer start(VoiceRuntime runtime, ServerSettings settings, PrometheusMeterRegistry meters) {
        OpenAiApi api = new OpenAiApi(runtime.pipeline(), runtime.registry(),
                runtime.injector().getInstance(PerformanceStatus.class), settings.api(), meters, new ObjectMapper());
        Javalin app = JavalinApp.create(api, new HealthHandler(runtime.health()), settings, meters).start();
        new JettyServerThreadPoolMetrics(app.jettyServer().server().getThreadPool(), List.of()).bindTo(meters);
        return new VoiceServer(app);
    }

    public int port() {
        return app.port();
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
