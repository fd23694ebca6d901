package io.voiceplatform.core.testing;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import io.micrometer.core.instrument.MeterRegistry;
import io.voiceplatform.api.SpeechProvider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.voiceplatform.core.config.CoreSettings;
import io.voiceplatform.core.pipeline.PipelineModule;
import io.voiceplatform.core.pipeline.PipelineStages;
import io.voiceplatform.core.pipeline.RequestPipeline;
import io.voiceplatform.core.registry.ProviderRegistry;
import io.voiceplatform.core.resilience.ProviderGuards;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The request pipeline as the platform wires it ({@link PipelineModule}, with its stage defaults), over
 * {@link TestingProvider}s (or any providers), with whatever stage bindings a test's modules set in place of the defaults (as the
 * performance module does). Closing it runs what the pipeline registered to stop, then the scheduler.
 */
public final class TestingPipeline implements AutoCloseable {
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Runnable> stops = new ArrayList<>();
    private final Injector injector;

    public TestingPipeline(CoreSettings settings, List<? extends Module> overrides, SpeechProvider... providers) {
        ProviderRegistry registry = TestingPlugins.registry(scheduler, providers);
        ProviderGuards guards = new ProviderGuards(registry, settings, scheduler);
        List<Module> modules = new ArrayList<>();
        modules.add(new PipelineModule(settings, (name, stop) -> stops.add(0, stop)));
        modules.add(binder -> {
            binder.requireExplicitBindings();
            binder.bind(ProviderRegistry.class).toInstance(registry);
            binder.bind(ProviderGuards.class).toInstance(guards);
            binder.bind(MeterRegistry.class).toInstance(meters);
            binder.bind(ScheduledExecutorService.class).toInstance(scheduler);
        });
        modules.addAll(overrides);
        this.injector = Guice.createInjector(Stage.PRODUCTION, modules);
    }

    public RequestPipeline pipeline() {
        return injector.getInstance(RequestPipeline.class);
    }

    public PipelineStages stages() {
        return injector.getInstance(PipelineStages.class);
    }

    public ProviderGuards guards() {
        return injector.getInstance(ProviderGuards.class);
    }

    public ProviderRegistry registry() {
        return injector.getInstance(ProviderRegistry.class);
    }

    public Injector injector() {
        return injector;
    }

    public SimpleMeterRegistry meters() {
        return meters;
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        stops.forEach(Runnable::run);
        scheduler.shutdownNow();
    }
}
