package io.voiceplatform.tools.validate;

import com.google.inject.multibindings.OptionalBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.voiceplatform.app.TestingBuiltInProviders;
import io.voiceplatform.app.server.ServerSettings;
import io.voiceplatform.app.server.VoiceServer;
import io.voiceplatform.core.bootstrap.VoiceRuntime;
import io.voiceplatform.core.config.ConfigSources;
import io.voiceplatform.core.config.CoreSettingsReader;
import io.voiceplatform.core.config.VoiceConfig;
import io.voiceplatform.tools.mock.FaultPlan;
import io.voiceplatform.tools.mock.FaultProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The real service in-process on a free loopback port, as {@code voice serve} builds it (JVM meters on
 * {@code /metrics}), with the OpenAI plugin pointed at the fault provider and the performance module's caches on.
 */
final class ValidatedService implements AutoCloseable {
    final FaultProvider upstream;
    private final VoiceRuntime runtime;
    private final VoiceServer server;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    ValidatedService(Path workDir, Duration upstreamLatency) throws IOException {
        upstream = FaultProvider.start(new FaultPlan(upstreamLatency, upstreamLatency, 0, io.voiceplatform.tools.mock.Fault.NONE, 1),
                "127.0.0.1", 0);
        Path conf = workDir.resolve("service.conf");
        Files.writeString(conf, """
                voice.stt.providers = ["openai"]
                voice.tts.providers = ["openai"]
                voice.providers.local.enabled = false
                voice.providers.openai.enabled = true
                voice.providers.openai.api-key = "sk-validate-suite"
                voice.providers.openai.base-url = "http://127.0.0.1:%d/v1"
                voice.server.rate-limit.per-minute = 1000000
                voice.performance.enabled = true
                voice.performance.stt.cache.enabled = true
                voice.performance.tts.cache.enabled = true
                """.formatted(upstream.port()));
        VoiceConfig config = VoiceConfig.load(new ConfigSources(Map.of(), TestingBuiltInProviders.systemProperties(), workDir, Optional.of(conf), getClass().getClassLoader()));
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        gc.bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        runtime = VoiceRuntime.start(config, binder -> OptionalBinder.newOptionalBinder(binder, MeterRegistry.class)
                .setBinding().toInstance(meters));
        server = VoiceServer.start(runtime, ServerSettings.read(config, CoreSettingsReader.read(config)).withPort(0), meters);
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.close();
        runtime.close();
        upstream.close();
        gc.close();
    }
}
