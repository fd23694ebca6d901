package io.voiceplatform.performance;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import com.typesafe.config.Config;
import io.voiceplatform.api.plugin.HttpTransport;
import io.voiceplatform.core.pipeline.HedgePolicy;
import io.voiceplatform.core.pipeline.PipelineModule;
import io.voiceplatform.core.pipeline.ProviderOrder;
import io.voiceplatform.core.pipeline.RequestCoalescer;
import io.voiceplatform.core.pipeline.RequestObserver;
import io.voiceplatform.core.pipeline.ResultCache;
import io.voiceplatform.core.pipeline.SpeechStreaming;
import io.voiceplatform.performance.cache.IdenticalRequestCoalescer;
import io.voiceplatform.performance.cache.ResultCaches;
import io.voiceplatform.performance.config.ConnectionLimits;
import io.voiceplatform.performance.config.PerformanceSettings;
import io.voiceplatform.performance.http.LimitedHttpTransport;
import io.voiceplatform.performance.monitoring.PerformanceMonitor;
import io.voiceplatform.performance.routing.AdaptiveOrder;
import io.voiceplatform.performance.routing.ObservedLatencyHedging;
import io.voiceplatform.performance.streaming.SentenceStreaming;

import java.time.Duration;

/**
 * Overrides the pipeline stages that the settings turn on, and nothing else: a stage left alone keeps voice-core's
 * default, and health reports it as such. At every level the provider HTTP transport gets connection limits and,
 * when asked for, the monitor observes requests; at the levels that change requests (all but
 * {@code monitoring-only}) the provider order, coalescing, the result caches, hedging and speech streaming come in,
 * each as its settings say.
 */
final class PerformanceModule extends AbstractModule {
    private final PerformanceSettings settings;

    PerformanceModule(PerformanceSettings settings) {
        this.settings = settings;
    }

    @Override
    protected void configure() {
        bind(PerformanceSettings.class).toInstance(settings);
        OptionalBinder.newOptionalBinder(binder(), HttpTransport.class).setBinding().to(LimitedHttpTransport.class);
        if (settings.monitoring().metricsEnabled()) {
            OptionalBinder.newOptionalBinder(binder(), Key.get(Boolean.class, Names.named(PipelineModule.PROVIDER_HISTOGRAMS)))
                    .setBinding().toInstance(true);
        }
        if (settings.monitoring().enabled()) {
            bind(PerformanceMonitor.class).in(Scopes.SINGLETON);
            OptionalBinder.newOptionalBinder(binder(), RequestObserver.class).setBinding().to(PerformanceMonitor.class);
        }
        if (!settings.level().changesRequests()) {
            return;
        }
        bind(AdaptiveOrder.class).in(Scopes.SINGLETON);
        OptionalBinder.newOptionalBinder(binder(), ProviderOrder.class).setBinding().to(AdaptiveOrder.class);
        bind(IdenticalRequestCoalescer.class).in(Scopes.SINGLETON);
        OptionalBinder.newOptionalBinder(binder(), RequestCoalescer.class).setBinding().to(IdenticalRequestCoalescer.class);
        if (settings.sttCache().enabled() || settings.ttsCache().enabled()) {
            bind(ResultCaches.class).in(Scopes.SINGLETON);
            OptionalBinder.newOptionalBinder(binder(), ResultCache.class).setBinding().to(ResultCaches.class);
        }
        if (settings.sttHedging().enabled() || settings.ttsHedging().enabled()) {
            bind(ObservedLatencyHedging.class).in(Scopes.SINGLETON);
            OptionalBinder.newOptionalBinder(binder(), HedgePolicy.class).setBinding().to(ObservedLatencyHedging.class);
        }
        if (settings.ttsStreaming().enabled()) {
            bind(SentenceStreaming.class).in(Scopes.SINGLETON);
            OptionalBinder.newOptionalBinder(binder(), SpeechStreaming.class).setBinding().to(SentenceStreaming.class);
        }
    }

    /**
     * Connection limits of every provider's HTTP client: the level's presets, unless a limit is set explicitly
     * (in a file, the environment or a -D option), over the platform's network transport with this module's
     * connect timeout. A request over a limit waits up to the connect timeout.
     */
    @Provides
    @Singleton
    LimitedHttpTransport transport(Config config, @Named(HttpTransport.NETWORK) HttpTransport network) {
        Duration connectTimeout = settings.http().connectTimeout();
        ConnectionLimits limits = ConnectionLimits.of(settings, config);
        return new LimitedHttpTransport(network.withConnectTimeout(connectTimeout), limits.maxConnections(),
                limits.maxPerHost(), connectTimeout);
    }
}
