package io.voiceplatform.performance;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.multibindings.OptionalBinder;
import com.typesafe.config.Config;
import io.voiceplatform.api.performance.PerformanceExtension;
import io.voiceplatform.performance.config.TestingPerformanceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(10)
class TestPerformanceModule {
    @Test
    void isFoundByServiceLoader() {
        List<String> found = ServiceLoader.load(Module.class, getClass().getClassLoader()).stream()
                .map(provider -> provider.type().getName()).toList();

        assertEquals(List.of(PerformanceModule.class.getName()), found);
    }

    @Test
    void replacesCoresPassThroughExtension() {
        Config config = TestingPerformanceConfig.load(Map.of("VOICE_V2_STT_OPTIMIZATION_ENABLED", "true"), "");
        assertSame(PerformanceExtension.NONE, injector(config).getInstance(PerformanceExtension.class));

        Injector injector = injector(config, new PerformanceModule());
        PerformanceExtension extension = injector.getInstance(PerformanceExtension.class);

        assertInstanceOf(PerformanceFeatures.class, extension);
        assertInstanceOf(io.voiceplatform.performance.http.LimitedHttpTransport.class,
                injector.getInstance(io.voiceplatform.api.plugin.HttpTransport.class));
        assertSame(extension, injector.getInstance(PerformanceExtension.class));
        Map<String, Object> described = extension.describe();
        assertEquals(true, described.get("enabled"));
        assertEquals("standard", described.get("level"));
        assertEquals(Map.ofEntries(Map.entry("stt-cache", true), Map.entry("tts-cache", false), Map.entry("coalescing", true), Map.entry("adaptive-order", true),
                Map.entry("tts-compression", false), Map.entry("tts-streaming", false), Map.entry("stt-hedging", true),
                Map.entry("tts-hedging", false), Map.entry("monitoring", false), Map.entry("metrics", false),
                Map.entry("alerts", false), Map.entry("shared-cache", false)), described.get("components"));
    }

    @Test
    void invalidSettingsStopTheInjectorWithTheOneLineMessage() {
        Config config = TestingPerformanceConfig.load(Map.of("VOICE_V2_TTS_CACHE_TTL", "soon"), "");

        CreationException e = assertThrows(CreationException.class, () -> injector(config, new PerformanceModule()));
        Throwable cause = e.getErrorMessages().iterator().next().getCause();
        assertInstanceOf(IllegalArgumentException.class, cause);
        assertEquals("voice.performance.tts.cache.ttl = 'soon' (environment VOICE_V2_TTS_CACHE_TTL) is not a duration"
                + " of at least 1ms such as 500ms, 30s or 2m (a bare number counts as seconds)", cause.getMessage());
    }

    /** An injector as strict as voice-core's, with the bindings voice-core gives this module. */
    private static Injector injector(Config config, Module... modules) {
        Module core = new AbstractModule() {
            @Override
            protected void configure() {
                binder().requireExplicitBindings();
                binder().requireAtInjectOnConstructors();
                binder().disableCircularProxies();
                bind(Config.class).toInstance(config);
                bind(java.util.concurrent.ScheduledExecutorService.class).toInstance(java.util.concurrent.Executors.newSingleThreadScheduledExecutor());
                bind(io.micrometer.core.instrument.MeterRegistry.class).toInstance(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
                OptionalBinder.newOptionalBinder(binder(), PerformanceExtension.class).setDefault().toInstance(PerformanceExtension.NONE);
                io.voiceplatform.api.plugin.HttpTransport network = new io.voiceplatform.api.plugin.HttpTransport() {
                    @Override
                    public <T> java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<T>> send(
                            java.net.http.HttpRequest request, java.net.http.HttpResponse.BodyHandler<T> handler) {
                        throw new UnsupportedOperationException("core's network transport, wrapped by the module");
                    }
                };
                bind(io.voiceplatform.api.plugin.HttpTransport.class)
                        .annotatedWith(com.google.inject.name.Names.named(io.voiceplatform.api.plugin.HttpTransport.NETWORK))
                        .toInstance(network);
                OptionalBinder.newOptionalBinder(binder(), io.voiceplatform.api.plugin.HttpTransport.class).setDefault()
                        .toInstance(network);
            }
        };
        List<Module> all = new ArrayList<>(List.of(modules));
        all.add(0, core);
        return Guice.createInjector(Stage.PRODUCTION, all);
    }
}
