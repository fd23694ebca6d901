package io.voiceplatform.core.resilience;

import io.voiceplatform.api.Operation;
import io.voiceplatform.core.config.CoreSettings;
import io.voiceplatform.core.health.CallStatistics;
import io.voiceplatform.core.registry.ProviderRegistry;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/** One {@link ProviderGuard} per provider and operation, made once for every registered provider. */
public final class ProviderGuards {
    private final Map<Operation, Map<String, ProviderGuard>> guards = new EnumMap<>(Operation.class);

    public ProviderGuards(ProviderRegistry registry, CoreSettings settings, ScheduledExecutorService scheduler) {
        guards.put(Operation.STT, create(Operation.STT, registry.sttIds(), settings, scheduler));
        guards.put(Operation.TTS, create(Operation.TTS, registry.ttsIds(), settings, scheduler));
    }

    private static Map<String, ProviderGuard> create(Operation operation, Iterable<String> ids, CoreSettings settings,
                                                     ScheduledExecutorService scheduler) {
        Map<String, ProviderGuard> byId = new LinkedHashMap<>();
        for (String id : ids) {
            byId.put(id, new ProviderGuard(id + "-" + operation.id(), id, settings.resilience(), scheduler,
                    new CallStatistics(settings.health().window())));
        }
        return Map.copyOf(byId);
    }

    public Optional<ProviderGuard> find(Operation operation, String provider) {
        return Optional.ofNullable(guards.get(operation).get(provider));
    }

    public ProviderGuard get(Operation operation, String provider) {
        return find(operation, provider).orElseThrow(() ->
                new IllegalStateException("no " + operation.id() + " guard for " + provider));
    }
}
