package io.voiceplatform.core.bootstrap;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.core.config.CoreSettings;
import io.voiceplatform.core.config.CoreSettingsReader;
import io.voiceplatform.core.config.InvalidConfigException;
import io.voiceplatform.core.config.VoiceConfig;
import io.voiceplatform.core.health.HealthService;
import io.voiceplatform.core.health.PerformanceStatus;
import io.voiceplatform.core.pipeline.RequestPipeline;
import io.voiceplatform.core.registry.InstalledPlugins;
import io.voiceplatform.core.registry.PluginSource;
import io.voiceplatform.core.registry.ProviderRegistry;
import io.voiceplatform.core.registry.SkippedPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running platform: builds a strict injector from the core module, the performance module when the
 * toggle asks for it and one is found (decided here, once, with a plain {@code if}), and the caller's modules;
 * stops everything once, in reverse order.
 */
public final class VoiceRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VoiceRuntime.class);

    private final Injector injector;
    private final CoreSettings settings;
    private final Lifecycle lifecycle;

    private VoiceRuntime(Injector injector, CoreSettings settings, Lifecycle lifecycle) {
        this.injector = injector;
        this.settings = settings;
        this.lifecycle = lifecycle;
    }

    /** Starts with the plugins of {@code voice.plugins.builtin-dir} and {@code voice.plugins.dir}. */
    public static VoiceRuntime start(VoiceConfig config, Module... appModules) {
        return start(config, List.of(), List.of(appModules));
    }

    /**
     * @param inProcessPlugins plugins installed in-process (tests), after those of the plugin directories
     * @throws InvalidConfigException when a setting is invalid
     * @throws StartupException when anything else stops start-up; the message is one line
     */
    public static VoiceRuntime start(VoiceConfig config, Collection<PluginSource> inProcessPlugins,
                                     Collection<? extends Module> appModules) {
        CoreSettings settings = CoreSettingsReader.read(config);
        ClassLoader loader = VoiceRuntime.class.getClassLoader();
        Lifecycle lifecycle = new Lifecycle();
        InstalledPlugins plugins = install(settings, loader, inProcessPlugins);
        // Stopped last, once every provider the plugins made is closed.
        lifecycle.started("plugin class loaders", plugins::close);
        try {
            VoiceConfig withPlugins = config.withPluginReferences(plugins.loaders());
            warnAboutSettings(withPlugins);
            List<Module> modules = new ArrayList<>();
            PerformanceStatus performance = PerformanceStatus.notInstalled(settings.performanceEnabled());
            for (PerformanceModuleFactory.Installation installation : PerformanceInstallations.create(withPlugins, settings)) {
                modules.add(installation.module());
                performance = new PerformanceStatus(true, true, installation.level());
            }
            ScheduledExecutorService scheduler = newScheduler();
            lifecycle.started("scheduler", scheduler::shutdownNow);
            modules.add(0, new CoreModule(withPlugins, settings, performance, scheduler, plugins.all(), lifecycle));
            modules.addAll(appModules);
            Injector injector = Guice.createInjector(Stage.PRODUCTION, strict(modules));
            checkConfiguredProvidersExist(injector.getInstance(ProviderRegistry.class), settings);
            return new VoiceRuntime(injector, settings, lifecycle);
        } catch (CreationException e) {
            lifecycle.stop();
            throw oneLine(e.getErrorMessages(), e);
        } catch (ProvisionException e) {
            lifecycle.stop();
            throw oneLine(e.getErrorMessages(), e);
        } catch (RuntimeException e) {
            lifecycle.stop();
            throw e;
        }
    }

    /** A plugin directory that cannot be listed, or an id claimed twice, stops start-up with one line. */
    private static InstalledPlugins install(CoreSettings settings, ClassLoader loader, Collection<PluginSource> inProcess) {
        try {
            return InstalledPlugins.discover(settings.plugins(), loader, inProcess);
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    private static void warnAboutSettings(VoiceConfig config) {
        CoreSettingsReader.unknownKeys(config).forEach(key ->
                log.warn("unknown setting {} ({}): it has no effect; check its spelling", key, config.originOf(key)));
        CoreSettingsReader.renamedKeys(config).forEach((old, current) ->
                log.warn("{} ({}) has been renamed {}; it still counts, but please rename it", old, config.originOf(old), current));
        if (CoreSettingsReader.agentFrameworkSettingsPresent(config)) {
            log.warn("the VOICE_V2_LANGGRAPH_* settings belong to an agent framework and have no effect in Voice Platform");
        }
    }

    public Injector injector() {
        return injector;
    }

    public RequestPipeline pipeline() {
        return injector.getInstance(RequestPipeline.class);
    }

    public ProviderRegistry registry() {
        return injector.getInstance(ProviderRegistry.class);
    }

    public HealthService health() {
        return injector.getInstance(HealthService.class);
    }

    public CoreSettings settings() {
        return settings;
    }

    /** Stops the performance module, then the TTS and STT providers, then the plugins. Idempotent. */
    @Override
    public void close() {
        lifecycle.stop();
    }

    private static Module strict(List<Module> modules) {
        return binder -> {
            binder.requireExplicitBindings();
            binder.disableCircularProxies();
            binder.requireAtInjectOnConstructors();
            modules.forEach(binder::install);
        };
    }

    /**
     * A provider listed in voice.stt.providers or voice.tts.providers must exist: a typo must not pass silently,
     * and neither may a plugin that was listed but skipped as broken, since the operator asked for it by name.
     */
    private static void checkConfiguredProvidersExist(ProviderRegistry registry, CoreSettings settings) {
        check("voice.stt.providers", settings.routing().sttProviders(), registry.sttIds(), registry.skipped());
        check("voice.tts.providers", settings.routing().ttsProviders(), registry.ttsIds(), registry.skipped());
    }

    private static void check(String key, List<String> configured, List<String> available, Map<String, SkippedPlugin> skipped) {
        for (String id : configured) {
            if (available.contains(id)) {
                continue;
            }
            SkippedPlugin broken = skipped.get(id);
            if (broken != null) {
                throw new StartupException(key + " lists '" + id + "', but its plugin " + broken.origin()
                        + " was skipped: " + broken.reason(), null);
            }
            throw new StartupException(key + " lists '" + id + "', but no enabled provider has that id; enabled: "
                    + (available.isEmpty() ? "none" : String.join(", ", available)), null);
        }
    }

    /** Reports the cause the operator can act on, not Guice's wrapping. */
    private static RuntimeException oneLine(Collection<Message> messages, RuntimeException wrapper) {
        for (Message message : messages) {
            Throwable cause = message.getCause();
            while (cause != null) {
                if (cause instanceof InvalidConfigException invalid) {
                    return invalid;
                }
                if (cause instanceof StartupException startup) {
                    return startup;
                }
                if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException
                        || cause instanceof VoiceException) {
                    return new StartupException(cause.getMessage(), cause);
                }
                cause = cause.getCause();
            }
        }
        String first = messages.isEmpty() ? wrapper.getMessage() : messages.iterator().next().getMessage();
        return new StartupException("start-up failed: " + first, wrapper);
    }

    private static ScheduledExecutorService newScheduler() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "voice-scheduler-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ScheduledThreadPoolExecutor scheduler = (ScheduledThreadPoolExecutor) Executors.newScheduledThreadPool(2, factory);
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }
}
