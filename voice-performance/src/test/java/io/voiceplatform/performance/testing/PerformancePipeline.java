package io.voiceplatform.performance.testing;

import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Names;
import com.typesafe.config.Config;
import io.voiceplatform.api.SpeechProvider;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.plugin.HttpTransport;
import io.voiceplatform.core.config.CoreSettings;
import io.voiceplatform.core.config.VoiceConfig;
import io.voiceplatform.core.pipeline.Decisions;
import io.voiceplatform.core.pipeline.RequestContext;
import io.voiceplatform.core.pipeline.RequestPipeline;
import io.voiceplatform.core.pipeline.Routing;
import io.voiceplatform.core.testing.TestingPipeline;
import io.voiceplatform.core.testing.TestingSettings;
import io.voiceplatform.performance.PerformanceFactory;
import io.voiceplatform.performance.config.TestingPerformanceConfig;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The request pipeline as the service runs it with this module installed, the way voice-core installs it: the
 * module the factory makes from the given settings, over the given providers (tried in the order given).
 */
public final class PerformancePipeline implements AutoCloseable {
    private final TestingPipeline testing;

    private PerformancePipeline(TestingPipeline testing) {
        this.testing = testing;
    }

    /** @param config this module's settings, as a configuration file would give them */
    public static PerformancePipeline start(String config, SpeechProvider... providers) {
        List<String> ids = Arrays.stream(providers).map(SpeechProvider::id).toList();
        CoreSettings core = TestingSettings.settings(ids, ids, TestingSettings.resilience(), Duration.ofSeconds(10));
        VoiceConfig settings = TestingPerformanceConfig.voiceConfig(Map.of(), config);
        Module module = new PerformanceFactory().create(settings).module();
        return new PerformancePipeline(new TestingPipeline(core, List.of(module, network(settings.config())), providers));
    }

    /** What voice-core binds around this module: the configuration and the network transport it wraps. */
    private static Module network(Config config) {
        HttpTransport unused = new HttpTransport() {
            @Override
            public <T> CompletableFuture<HttpResponse<T>> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
                throw new UnsupportedOperationException("no network in these tests");
            }
        };
        return binder -> {
            binder.bind(Config.class).toInstance(config);
            binder.bind(HttpTransport.class).annotatedWith(Names.named(HttpTransport.NETWORK)).toInstance(unused);
            OptionalBinder.newOptionalBinder(binder, HttpTransport.class).setDefault().toInstance(unused);
        };
    }

    public RequestPipeline pipeline() {
        return testing.pipeline();
    }

    public TestingPipeline testing() {
        return testing;
    }

    public Answer<Transcript> transcribe(TranscriptionRequest request) {
        return answer(context -> pipeline().transcribe(request, Routing.auto(), context));
    }

    public Answer<SynthesizedSpeech> synthesize(SpeechRequest request) {
        return answer(context -> pipeline().synthesize(request, Routing.auto(), context));
    }

    private <T> Answer<T> answer(Function<RequestContext, CompletableFuture<T>> call) {
        try (RequestContext context = pipeline().context("test", "tester")) {
            return new Answer<>(call.apply(context).join(), context.decisions());
        }
    }

    /** What a stage says of itself in health output. */
    public Map<String, Object> stage(String name) {
        return testing.stages().describe().get(name);
    }

    @Override
    public void close() {
        testing.close();
    }

    /** A result with what the stages decided for it. */
    public record Answer<T>(T value, Decisions decisions) {
    }
}
