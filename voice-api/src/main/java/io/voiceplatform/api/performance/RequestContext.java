package io.voiceplatform.api.performance;

import java.util.Optional;

/**
 * What the orchestrator knows about a request beyond its content.
 *
 * @param pinnedProvider the provider the caller asked for first, if any: results from different pins differ
 */
public record RequestContext(Optional<String> pinnedProvider) {
    public static final RequestContext DEFAULT = new RequestContext(Optional.empty());

    public RequestContext {
        pinnedProvider = pinnedProvider == null ? Optional.empty() : pinnedProvider;
    }
}
