package io.voiceplatform.core.pipeline;

import java.util.Optional;

/**
 * How a caller wants a request routed.
 *
 * @param pinnedProvider a provider to try first (from {@code model=<provider>[/<model>]}), or empty for the chain
 */
public record Routing(Optional<String> pinnedProvider) {
    public Routing {
        pinnedProvider = pinnedProvider == null ? Optional.empty() : pinnedProvider.filter(p -> !p.isBlank());
    }

    public static Routing auto() {
        return new Routing(Optional.empty());
    }

    public static Routing pin(String providerId) {
        return new Routing(Optional.of(providerId));
    }
}
