package io.voiceplatform.app.cli;

import com.google.inject.multibindings.OptionalBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.voiceplatform.app.server.ServerSettings;
import io.voiceplatform.app.server.VoiceServer;
import io.voiceplatform.core.bootstrap.VoiceRuntime;
import io.voiceplatform.core.config.CoreSettingsReader;
import io.voiceplatform.core.config.VoiceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code voice serve}: runs the HTTP service until SIGTERM or SIGINT, then stops it gracefully. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the HTTP service (OpenAI audio API, health, metrics).")
final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);
    private static final int MAX_PORT = 65535;

    @ParentCommand
    VoiceCommand root;

    @Option(names = "--port", paramLabel = "N", description = "TCP port (default voice.server.port, 8080; 0 picks a free one).")
    Integer port;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        if (port != null && (port < 0 || port > MAX_PORT)) {
            throw new ParameterException(spec.commandLine(), "--port must be between 0 and " + MAX_PORT + ", got " + port);
        }
        VoiceConfig config = root.loadConfig();
        ServerSettings settings = ServerSettings.read(config, CoreSettingsReader.read(config));
        if (port != null) {
            settings = settings.withPort(port);
        }
        if (settings.jsonLogs()) {
            JsonLogs.enable();
        }
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        bindJvmMeters(meters);
        VoiceRuntime runtime = VoiceRuntime.start(config, binder -> OptionalBinder.newOptionalBinder(binder, MeterRegistry.class)
                .setBinding().toInstance(meters));
        VoiceServer server;
        try {
            server = VoiceServer.start(runtime, settings, meters);
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        Runnable stop = stopOnce(server, runtime);
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "voice-shutdown"));
        for (String signal : new String[]{"TERM", "INT"}) {
            Signal.handle(new Signal(signal), s -> {
                stop.run();
                Runtime.getRuntime().halt(0);
            });
        }
        log.info("Voice Platform serving on http://{}:{} (started in {} ms)", settings.host(), server.port(),
                (System.nanoTime() - start) / 1_000_000);
        return VoiceCommand.KEEP_RUNNING;
    }

    /**
     * Stops the server (requests in flight finish), then the providers and the performance module; once.
     * A second caller (the shutdown hook, once Jetty's threads are gone) waits for the first to finish,
     * so the JVM does not exit half-way through closing the providers.
     */
    private static Runnable stopOnce(VoiceServer server, VoiceRuntime runtime) {
        AtomicBoolean started = new AtomicBoolean();
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        return () -> {
            if (!started.compareAndSet(false, true)) {
                stopped.join();
                return;
            }
            try {
                log.info("stopping");
                server.close();
                runtime.close();
                log.info("stopped");
            } finally {
                stopped.complete(null);
            }
        };
    }

    private static void bindJvmMeters(MeterRegistry meters) {
        new JvmMemoryMetrics().bindTo(meters);
        new JvmGcMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ClassLoaderMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        new UptimeMetrics().bindTo(meters);
    }
}
