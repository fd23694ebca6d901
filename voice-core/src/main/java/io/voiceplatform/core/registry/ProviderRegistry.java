package io.voiceplatform.core.registry;

import io.voiceplatform.api.SpeechProvider;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.plugin.HttpTransport;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * Every provider the platform can call, by id: created once at start-up from the installed plugins and
 * their settings, closed once at shutdown.
 */
public final class ProviderRegistry {
    private static final Logger log = LoggerFactory.getLogger(ProviderRegistry.class);

    private final Map<String, RegisteredProvider> providers;
    private final Set<SpeechProvider> closed = Collections.newSetFromMap(new IdentityHashMap<>());

    private ProviderRegistry(Map<String, RegisteredProvider> providers) {
        this.providers = providers;
    }

    /** Creates the providers of every plugin; a plugin whose settings are invalid stops start-up. */
    public static ProviderRegistry create(List<DiscoveredPlugin> plugins, ProviderSettingsSource settings,
                                          HttpTransport transport, ScheduledExecutorService scheduler) {
        Map<String, RegisteredProvider> providers = new LinkedHashMap<>();
        try {
            for (DiscoveredPlugin found : plugins) {
                ProviderPlugin plugin = found.plugin();
                ProviderContext context = new ProviderContext(settings.settingsFor(plugin.id()), transport, scheduler);
                Optional<SttProvider> stt = create(plugin, "STT", p -> p.createStt(context));
                Optional<TtsProvider> tts;
                try {
                    tts = create(plugin, "TTS", p -> p.createTts(context));
                } catch (RuntimeException e) {
                    stt.ifPresent(ProviderRegistry::closeQuietly);
                    throw e;
                }
                providers.put(plugin.id(), new RegisteredProvider(plugin.id(), found.origin(), stt, tts));
                log.debug("provider {} from {}: stt={}, tts={}", plugin.id(), found.origin(), stt.isPresent(), tts.isPresent());
            }
        } catch (RuntimeException e) {
            new ProviderRegistry(providers).close();
            throw e;
        }
        return new ProviderRegistry(Map.copyOf(providers));
    }

    private static <P> Optional<P> create(ProviderPlugin plugin, String what, Function<ProviderPlugin, Optional<P>> factory) {
        try {
            return factory.apply(plugin);
        } catch (IllegalArgumentException e) {
            // A plugin rejecting its settings: the message names the key; keep it as the one line users see.
            throw new IllegalArgumentException("provider '" + plugin.id() + "': " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("provider '" + plugin.id() + "' could not create its " + what
                    + " provider: " + e.getMessage(), e);
        }
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

    /** Closes the TTS providers. */
    public void closeTts() {
        providers.values().forEach(p -> p.tts().ifPresent(this::closeOnce));
    }

    /** Closes the STT providers. */
    public void closeStt() {
        providers.values().forEach(p -> p.stt().ifPresent(this::closeOnce));
    }

    /** Closes every provider not closed yet. */
    public void close() {
        closeTts();
        closeStt();
    }

    /** A plugin may hand out one object as both its STT and TTS provider: close it once. */
    private void closeOnce(SpeechProvider provider) {
        boolean first;
        synchronized (closed) {
            first = closed.add(provider);
        }
        if (first) {
            closeQuietly(provider);
        }
    }

    private static void closeQuietly(SpeechProvider provider) {
        try {
            provider.close();
        } catch (RuntimeException e) {
            log.warn("provider {} failed to close: {}", provider.id(), e.toString());
        }
    }
}
