package io.voiceplatform.core.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Names;
import com.typesafe.config.Config;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.voiceplatform.api.plugin.HttpTransport;
import io.voiceplatform.core.config.CoreSettings;
import io.voiceplatform.core.config.VoiceConfig;
import io.voiceplatform.core.health.HealthService;
import io.voiceplatform.core.health.PerformanceStatus;
import io.voiceplatform.core.pipeline.PipelineModule;
import io.voiceplatform.core.pipeline.PipelineStages;
import io.voiceplatform.core.registry.DiscoveredPlugin;
import io.voiceplatform.core.registry.ProviderRegistry;
import io.voiceplatform.core.resilience.ProviderGuards;
import io.voiceplatform.core.transport.OkHttpTransport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Binds the providers, their guards, health and the request pipeline ({@link PipelineModule}). The HTTP
 * transport, like each pipeline stage, gets a default that a performance module may override
 * ({@link OptionalBinder}), so core never checks the toggle.
 */
final class CoreModule extends AbstractModule {
    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final VoiceConfig config;
    private final CoreSettings settings;
    private final PerformanceStatus performance;
    private final ScheduledExecutorService scheduler;
    private final List<DiscoveredPlugin> plugins;
    private final Lifecycle lifecycle;

    CoreModule(VoiceConfig config, CoreSettings settings, PerformanceStatus performance,
               ScheduledExecutorService scheduler, List<DiscoveredPlugin> plugins, Lifecycle lifecycle) {
        this.config = config;
        this.settings = settings;
        this.performance = performance;
        this.scheduler = scheduler;
        this.plugins = List.copyOf(plugins);
        this.lifecycle = lifecycle;
    }

    @Override
    protected void configure() {
        bind(VoiceConfig.class).toInstance(config);
        bind(Config.class).toInstance(config.config());
        bind(CoreSettings.class).toInstance(settings);
        bind(PerformanceStatus.class).toInstance(performance);
        bind(ScheduledExecutorService.class).toInstance(scheduler);
        // The app binds a Prometheus registry; without one, meters are kept in memory only.
        OptionalBinder.newOptionalBinder(binder(), MeterRegistry.class)
                .setDefault().toInstance(new SimpleMeterRegistry());
        OkHttpTransport network = OkHttpTransport.create(DEFAULT_CONNECT_TIMEOUT, scheduler);
        lifecycle.started("provider HTTP transport", network::close);
        bind(HttpTransport.class).annotatedWith(Names.named(HttpTransport.NETWORK)).toInstance(network);
        OptionalBinder.newOptionalBinder(binder(), HttpTransport.class).setDefault().toInstance(network);
        install(new PipelineModule(settings, lifecycle::started));
    }

    @Provides
    @Singleton
    ProviderRegistry registry(HttpTransport transport) {
        ProviderRegistry registry = ProviderRegistry.create(plugins, config::providerSettings, transport, scheduler,
                settings.providerCloseTimeout());
        lifecycle.started("providers", registry::close);
        lifecycle.started("STT providers", registry::closeStt);
        lifecycle.started("TTS providers", registry::closeTts);
        return registry;
    }

    @Provides
    @Singleton
    ProviderGuards guards(ProviderRegistry registry) {
        return new ProviderGuards(registry, settings, scheduler);
    }

    @Provides
    @Singleton
    HealthService health(ProviderRegistry registry, ProviderGuards guards, PipelineStages stages) {
        return new HealthService(registry, guards, settings.health(), stages, performance);
    }
}
