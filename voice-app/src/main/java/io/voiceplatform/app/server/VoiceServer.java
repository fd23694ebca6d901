package io.voiceplatform.app.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.util.JavalinException;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.voiceplatform.app.openai.OpenAiApi;
import io.voiceplatform.core.bootstrap.StartupException;
import io.voiceplatform.core.bootstrap.VoiceRuntime;
import io.voiceplatform.core.health.PerformanceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.BindException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The HTTP service: OpenAI's audio API, health and metrics, on Javalin (Jetty). Stopping it refuses new
 * connections and lets the requests in flight finish, up to the shutdown grace.
 */
public final class VoiceServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VoiceServer.class);
    private static final int MAX_DEPTH = 10;

    private final Javalin app;

    private VoiceServer(Javalin app) {
        this.app = app;
    }

    public static VoiceServer start(VoiceRuntime runtime, ServerSettings settings, PrometheusMeterRegistry meters) {
        OpenAiApi api = new OpenAiApi(runtime.pipeline(), runtime.registry(),
                runtime.injector().getInstance(PerformanceStatus.class), settings.api(), meters, new ObjectMapper());
        Javalin app = JavalinApp.create(api, new HealthHandler(runtime.health()), settings, meters);
        try {
            app.start();
        } catch (RuntimeException e) {
            throw cannotListen(settings, e);
        }
        new JettyServerThreadPoolMetrics(app.jettyServer().server().getThreadPool(), List.of()).bindTo(meters);
        return new VoiceServer(app);
    }

    /**
     * A port that cannot be opened, said in one line: Javalin's own failure may be nothing but a Jetty state
     * ({@code IllegalStateException: STOPPED}).
     */
    private static RuntimeException cannotListen(ServerSettings settings, RuntimeException failure) {
        return bindFailure(failure, 0).<RuntimeException>map(bind -> {
            String reason = bind.getMessage() == null ? "" : bind.getMessage();
            return new StartupException(reason.toLowerCase(Locale.ROOT).contains("in use")
                    ? "port " + settings.port() + " is in use (another process listens on it); choose another with"
                    + " --port or voice.server.port"
                    : "cannot listen on " + settings.host() + ":" + settings.port() + ": " + reason, failure);
        }).orElse(failure);
    }

    /** Jetty may report the bind failure as a cause or as a suppressed exception of its own; bounded, as chains may loop. */
    private static Optional<BindException> bindFailure(Throwable failure, int depth) {
        if (failure == null || depth > MAX_DEPTH) {
            return Optional.empty();
        }
        if (failure instanceof BindException bind) {
            return Optional.of(bind);
        }
        return Stream.concat(Stream.of(failure.getCause()), Stream.of(failure.getSuppressed()))
                .map(next -> bindFailure(next, depth + 1)).flatMap(Optional::stream).findFirst();
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
