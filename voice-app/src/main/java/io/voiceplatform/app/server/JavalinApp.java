package io.voiceplatform.app.server;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.voiceplatform.app.openai.OpenAiApi;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The service's Javalin application: OpenAI's audio API, health, metrics and this API's description, on Jetty tuned
 * for the settings (read timeout, header deadline, least body rate, connections per client, graceful stop, request
 * threads), with one access-log line per request. When the API has keys, the health details and the metrics need one
 * too, unless {@code voice.server.open-monitoring} says not.
 */
final class JavalinApp {
    private static final Logger access = LoggerFactory.getLogger("voice.access");
    private static final Duration POOL_IDLE = Duration.ofSeconds(10);

    private JavalinApp() {
    }

    static Javalin create(OpenAiApi api, HealthHandler health, ServerSettings settings, PrometheusMeterRegistry meters) {
        byte[] openApi = openApi();
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.startupWatcherEnabled = false;
            jetty(config, settings);
            api.configure(config);
            config.routes.get("/health", health::alive);
            config.routes.get("/health/ready", health::ready);
            config.routes.get("/health/details", health::details);
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(meters.scrape()));
            if (settings.api().keyed() && !settings.api().openMonitoring()) {
                // They tell an outsider which providers run and how; load balancers need only /health and /health/ready.
                config.routes.before("/health/details", api.admission());
                config.routes.before("/metrics", api.admission());
            }
            config.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
            config.requestLogger.http((ctx, millis) -> access.info("{} {} {} {}ms provider={} cache={} request_id={}",
                    ctx.req().getMethod(), ctx.path(), ctx.statusCode(), Math.round(millis),
                    header(ctx, "X-Voice-Provider"), header(ctx, "X-Voice-Cache"), header(ctx, "X-Request-Id")));
        });
    }

    private static void jetty(JavalinConfig config, ServerSettings settings) {
        ConnectionLimits limits = settings.connections();
        HeaderDeadline headerDeadline = new HeaderDeadline(limits.headerTimeout());
        config.jetty.threadPool = requestThreads();
        config.jetty.modifyServer(server -> {
            server.setStopTimeout(settings.shutdownGrace().toMillis());
            // Stopping waits for the requests in flight (and refuses new ones) for up to the stop timeout.
            server.insertHandler(new GracefulHandler());
            server.insertHandler(new MinimumBodyRate(limits.minBodyBytesPerSecond(), limits.headerTimeout()));
            server.insertHandler(headerDeadline);
        });
        config.jetty.modifyHttpConfiguration(http -> {
            http.setSendServerVersion(false);
            http.setIdleTimeout(settings.readTimeout().toMillis());
        });
        config.jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(settings.host());
            connector.setPort(settings.port());
            // The read timeout also closes a connection that sends nothing (or half a request line) for that long;
            // Jetty's own default would hold it for 30 s whatever the setting says.
            connector.setIdleTimeout(settings.readTimeout().toMillis());
            connector.addEventListener(headerDeadline.connections());
            if (limits.maxPerClient() > 0) {
                connector.addEventListener(new ClientConnectionCap(limits.maxPerClient()));
            }
            return connector;
        });
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

    private static byte[] openApi() {
        try (InputStream in = JavalinApp.class.getResourceAsStream("/openapi/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the voice-app jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String header(Context ctx, String name) {
        String value = ctx.res().getHeader(name);
        return value == null ? "-" : value;
    }
}
