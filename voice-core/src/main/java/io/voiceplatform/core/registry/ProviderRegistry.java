package io.voiceplatform.core.registry;

import io.voiceplatform.api.SpeechProvider;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.plugin.HttpTransport;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Every provider the platform can call, by id: created once at start-up from the installed plugins and
 * their settings, closed once at shutdown, each close with a time limit ({@link ProviderCloser}).
 */
public final class ProviderRegistry {
    private static final Logger log = LoggerFactory.getLogger(ProviderRegistry.class);

    private final Map<String, RegisteredProvider> providers;
    private final Map<String, SkippedPlugin> skipped;
    private final ProviderCloser closer;
    private final Set<SpeechProvider> closed = Collections.newSetFromMap(new IdentityHashMap<>());

    private ProviderRegistry(Map<String, RegisteredProvider> providers, Map<String, SkippedPlugin> skipped,
                             ProviderCloser closer) {
        this.providers = providers;
        this.skipped = skipped;
        this.closer = closer;
    }

    /**
     * Creates the providers of every plugin. A plugin whose create method throws is skipped with one ERROR line
     * ({@link SkippedPlugin}); settings that cannot be read at all stop start-up.
     *
     * @param closeTimeout how long {@link #closeTts()} and {@link #closeStt()} each wait for the providers' close
     */
    public static ProviderRegistry create(List<DiscoveredPlugin> plugins, ProviderSettingsSource settings,
                                          HttpTransport transport, ScheduledExecutorService scheduler,
                                          Duration closeTimeout) {
        ProviderCloser closer = new ProviderCloser(closeTimeout);
        Map<String, RegisteredProvider> providers = new LinkedHashMap<>();
        Map<String, SkippedPlugin> skipped = new LinkedHashMap<>();
        try {
            for (DiscoveredPlugin found : plugins) {
                ProviderPlugin plugin = found.plugin();
                ProviderContext context = new ProviderContext(settings.settingsFor(plugin.id()), transport, scheduler);
                register(found, context, closer, skipped).ifPresent(created -> providers.put(created.id(), created));
            }
        } catch (RuntimeException e) {
            new ProviderRegistry(providers, skipped, closer).close();
            throw e;
        }
        return new ProviderRegistry(Map.copyOf(providers), Map.copyOf(skipped), closer);
    }

    /** The plugin's providers, or empty when a create method threw: the plugin is then skipped. */
    private static Optional<RegisteredProvider> register(DiscoveredPlugin found, ProviderContext context,
                                                         ProviderCloser closer, Map<String, SkippedPlugin> skipped) {
        ProviderPlugin plugin = found.plugin();
        Optional<SttProvider> stt = Optional.empty();
        String creating = "STT";
        try {
            stt = plugin.createStt(context);
            creating = "TTS";
            Optional<TtsProvider> tts = plugin.createTts(context);
            log.debug("provider {} from {}: stt={}, tts={}", plugin.id(), found.origin(), stt.isPresent(), tts.isPresent());
            return Optional.of(new RegisteredProvider(plugin.id(), found.origin(), stt, tts, found.unlistedInChain()));
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: a class the plugin needs is missing or failed to initialize.
            closer.close(stt.stream().toList());
            skipped.put(plugin.id(), SkippedPlugin.report(found.origin(),
                    "provider '" + plugin.id() + "' could not create its " + creating + " provider", e));
            return Optional.empty();
        }
    }

    /** Plugins skipped because they could not create their providers, by provider id. */
    public Map<String, SkippedPlugin> skipped() {
        return skipped;
    }

    /** Every registered provider, by id. */
    public List<RegisteredProvider> all() {
        return providers.values().stream()
                .sorted((a, b) -> a.id().compareTo(b.id()))
                .toList();
    }

    public Optional<RegisteredProvider> find(String id) {
        return Optional.ofNullable(providers.get(id));
    }

    public Optional<SttProvider> stt(String id) {
        return find(id).flatMap(RegisteredProvider::stt);
    }

    public Optional<TtsProvider> tts(String id) {
        return find(id).flatMap(RegisteredProvider::tts);
    }

    public List<String> sttIds() {
        return all().stream().filter(p -> p.stt().isPresent()).map(RegisteredProvider::id).toList();
    }

    public List<String> ttsIds() {
        return all().stream().filter(p -> p.tts().isPresent()).map(RegisteredProvider::id).toList();
    }

    /** Closes the TTS providers, waiting at most the close timeout. */
    public void closeTts() {
        closeOnce(providers.values().stream().flatMap(p -> p.tts().stream()).toList());
    }

    /** Closes the STT providers, waiting at most the close timeout. */
    public void closeStt() {
        closeOnce(providers.values().stream().flatMap(p -> p.stt().stream()).toList());
    }

    /** Closes every provider not closed yet. */
    public void close() {
        closeTts();
        closeStt();
    }

    /** A plugin may hand out one object as both its STT and TTS provider: close it once. */
    private void closeOnce(List<? extends SpeechProvider> candidates) {
        List<SpeechProvider> first = new ArrayList<>();
        synchronized (closed) {
            candidates.stream().filter(closed::add).forEach(first::add);
        }
        closer.close(first);
    }
}
