package io.voiceplatform.app.server;

import com.google.inject.multibindings.OptionalBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.voiceplatform.api.SpeechProvider;
import io.voiceplatform.app.openai.ApiSettings;
import io.voiceplatform.core.bootstrap.VoiceRuntime;
import io.voiceplatform.core.config.ConfigSources;
import io.voiceplatform.core.config.VoiceConfig;
import io.voiceplatform.core.testing.TestingPlugins;
import io.voiceplatform.core.testing.TestingProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The real service on a free loopback port, in-process, with in-memory providers behind it. */
final class TestingService implements AutoCloseable {
    final VoiceRuntime runtime;
    final VoiceServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TestingService(Path workDir, Duration grace, TestingProvider... providers) {
        this(workDir, grace, "", providers);
    }

    /** @param extraConfig HOCON appended to the test configuration, e.g. performance settings */
    TestingService(Path workDir, Duration grace, String extraConfig, TestingProvider... providers) {
        this(workDir, grace, extraConfig, UnaryOperator.identity(), providers);
    }

    /** @param api the API's settings, e.g. its keys */
    TestingService(Path workDir, ApiSettings api, TestingProvider... providers) {
        this(workDir, Duration.ofSeconds(5), "", settings -> new ServerSettings(settings.host(), settings.port(), api,
                settings.readTimeout(), settings.shutdownGrace(), settings.jsonLogs(), settings.connections()), providers);
    }

    /** @param adjust changes to the server settings, e.g. its byte budget or connection limits */
    TestingService(Path workDir, Duration grace, String extraConfig, UnaryOperator<ServerSettings> adjust,
                   SpeechProvider... providers) {
        try {
            Path conf = workDir.resolve("test.conf");
            String ids = String.join("\", \"", java.util.Arrays.stream(providers).map(SpeechProvider::id).toList());
            Files.writeString(conf, "voice.stt.providers = [\"" + ids + "\"]\nvoice.tts.providers = [\"" + ids + "\"]\n"
                    + "voice.resilience.retry.max-attempts = 1\nvoice.providers.local.enabled = false\n" + extraConfig);
            VoiceConfig config = VoiceConfig.load(new ConfigSources(Map.of(), Map.of(), workDir, Optional.of(conf),
                    getClass().getClassLoader()));
            PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            runtime = VoiceRuntime.start(config, List.of(TestingPlugins.of(providers)),
                    List.of(binder -> OptionalBinder.newOptionalBinder(binder, MeterRegistry.class).setBinding().toInstance(meters)));
            ServerSettings settings = new ServerSettings("127.0.0.1", 0,
                    new ApiSettings(1 << 20, List.of(), 1000, false), Duration.ofSeconds(10), grace, false,
                    new ConnectionLimits(Duration.ofSeconds(10), 0, 0));
            server = VoiceServer.start(runtime, adjust.apply(settings), meters);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpClient client() {
        return http;
    }

    @Override
    public void close() {
        server.close();
        runtime.close();
    }
}
