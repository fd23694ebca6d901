package io.voiceplatform.core.pipeline;

import io.voiceplatform.api.Operation;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.core.config.RoutingSettings;
import io.voiceplatform.core.registry.ProviderRegistry;
import io.voiceplatform.core.registry.RegisteredProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stage 3, route: the providers that may serve a task, in the order to try them, each assessed by its declared
 * capabilities. The chain is the pinned provider first (when the caller asked for one), then the configured
 * order, then every other enabled provider that may join unlisted (the built-ins: an added plugin serves only
 * requests that pin it until it is listed); the {@link ProviderOrder} stage may reorder it.
 */
final class Router {
    private final ProviderRegistry registry;
    private final RoutingSettings routing;
    private final ProviderOrder order;

    Router(ProviderRegistry registry, RoutingSettings routing, ProviderOrder order) {
        this.registry = registry;
        this.routing = routing;
        this.order = order;
    }

    /** @throws VoiceException INVALID_REQUEST when the pinned provider does not exist */
    List<Candidate> route(Task<?> task) {
        Operation operation = task.operation();
        List<String> available = operation == Operation.STT ? registry.sttIds() : registry.ttsIds();
        List<String> configured = operation == Operation.STT ? routing.sttProviders() : routing.ttsProviders();
        List<String> ids = new ArrayList<>();
        Optional<String> pinned = task.routing().pinnedProvider();
        if (pinned.isPresent()) {
            if (!available.contains(pinned.get())) {
                throw VoiceException.invalid("unknown " + operation.id() + " provider '" + pinned.get()
                        + "'; available: " + String.join(", ", available), "model");
            }
            ids.add(pinned.get());
        }
        if (pinned.isEmpty() || routing.pinnedFallback()) {
            configured.stream().filter(available::contains).filter(id -> !ids.contains(id)).forEach(ids::add);
            available.stream().filter(id -> !ids.contains(id))
                    .filter(id -> registry.find(id).map(RegisteredProvider::unlistedInChain).orElse(false))
                    .forEach(ids::add);
        }
        return order.order(operation, List.copyOf(ids), pinned.isPresent()).stream()
                .map(id -> task.assess(id, registry)).toList();
    }
}
