package io.voiceplatform.core.pipeline;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import io.micrometer.core.instrument.MeterRegistry;
import io.voiceplatform.core.audio.AudioConversion;
import io.voiceplatform.core.config.CoreSettings;
import io.voiceplatform.core.registry.ProviderRegistry;
import io.voiceplatform.core.resilience.ProviderGuards;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;

/**
 * Binds the request pipeline and a default for each of its stages that does nothing special
 * ({@link OptionalBinder#setDefault}); a module that overrides a stage sets its own binding
 * ({@link OptionalBinder#setBinding}). A stage that holds resources (it implements {@link AutoCloseable}) is
 * closed at shutdown.
 */
public final class PipelineModule extends AbstractModule {
    /** Whether the provider latency timer keeps histogram buckets ({@code Boolean}, false unless overridden). */
    public static final String PROVIDER_HISTOGRAMS = "voice.metrics.provider-histograms";

    private final CoreSettings settings;
    private final BiConsumer<String, Runnable> onStop;

    /** @param onStop registers what to do at shutdown, by name */
    public PipelineModule(CoreSettings settings, BiConsumer<String, Runnable> onStop) {
        this.settings = settings;
        this.onStop = onStop;
    }

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), Admission.class).setDefault()
                .toInstance(new InFlightAdmission(settings.limits().maxInFlight(), settings.limits().inFlightWait()));
        OptionalBinder.newOptionalBinder(binder(), ResultCache.class).setDefault().toInstance(ResultCache.NONE);
        OptionalBinder.newOptionalBinder(binder(), RequestCoalescer.class).setDefault().toInstance(RequestCoalescer.NONE);
        OptionalBinder.newOptionalBinder(binder(), ProviderOrder.class).setDefault().toInstance(ProviderOrder.CONFIGURED);
        OptionalBinder.newOptionalBinder(binder(), HedgePolicy.class).setDefault().toInstance(HedgePolicy.NEVER);
        OptionalBinder.newOptionalBinder(binder(), SpeechStreaming.class).setDefault().toInstance(SpeechStreaming.OFF);
        OptionalBinder.newOptionalBinder(binder(), RequestObserver.class).setDefault().toInstance(RequestObserver.NONE);
        OptionalBinder.newOptionalBinder(binder(), Key.get(Boolean.class, Names.named(PROVIDER_HISTOGRAMS))).setDefault().toInstance(false);
    }

    @Provides
    @Singleton
    PipelineStages stages(Admission admission, ResultCache cache, RequestCoalescer coalescer, ProviderOrder order,
                          HedgePolicy hedging, SpeechStreaming streaming, RequestObserver observer) {
        PipelineStages stages = new PipelineStages(admission, cache, coalescer, order, hedging, streaming, observer);
        stages.byName().forEach((name, stage) -> {
            if (stage instanceof AutoCloseable closeable) {
                onStop.accept("pipeline stage " + name, () -> close(closeable));
            }
        });
        return stages;
    }

    @Provides
    @Singleton
    RequestPipeline pipeline(PipelineStages stages, ProviderRegistry registry, ProviderGuards guards, MeterRegistry meters,
                             @Named(PROVIDER_HISTOGRAMS) Boolean histograms, ScheduledExecutorService scheduler) {
        ProviderChain chain = new ProviderChain(registry, guards, stages.hedging(), stages.order(),
                new ProviderMetrics(meters, histograms), scheduler, settings.resilience().slowProvider());
        AudioConversion conversion = new AudioConversion();
        onStop.accept("audio conversion", conversion::close);
        return new RequestPipeline(stages.admission(), new RequestValidator(settings.limits()),
                new Router(registry, settings.routing(), stages.order()), stages.cache(), stages.coalescer(), chain,
                stages.streaming(), stages.observer(), scheduler, settings.limits().processingTimeout(), conversion);
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
