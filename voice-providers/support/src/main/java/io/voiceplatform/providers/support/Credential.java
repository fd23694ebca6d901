package io.voiceplatform.providers.support;

import io.voiceplatform.api.plugin.Secret;

import java.net.http.HttpRequest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * How a request says who sends it. Most providers take a key in a header ({@link ProviderHttp.Builder#credentialHeader});
 * a credential that must first be exchanged for a token (a service account) implements this itself.
 */
public interface Credential extends AutoCloseable {
    /** No credential at all, for a server that asks for none (a self-hosted OpenAI-compatible server, say). */
    static Credential none() {
        return new Credential() {
            @Override
            public CompletableFuture<HttpRequest> authorize(HttpRequest.Builder request) {
                return CompletableFuture.completedFuture(request.build());
            }

            @Override
            public Optional<String> problem() {
                return Optional.empty();
            }

            @Override
            public Secret secret() {
                return Secret.empty();
            }
        };
    }

    /**
     * The request carrying the credential. Fails with a {@link io.voiceplatform.api.VoiceException} of kind
     * {@code AUTHENTICATION} when there is no credential or it was refused; the call's deadline covers the wait.
     */
    CompletableFuture<HttpRequest> authorize(HttpRequest.Builder request);

    /** Why calls cannot be authorized now (no credential, a refused token request), if they cannot. */
    Optional<String> problem();

    /** What must never appear in a message: the provider's answers may echo it. */
    Secret secret();

    /** Stops what the credential runs in the background; quiet and idempotent. */
    @Override
    default void close() {
    }
}
