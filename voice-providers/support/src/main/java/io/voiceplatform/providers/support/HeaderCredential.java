package io.voiceplatform.providers.support;

import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.plugin.Secret;

import java.net.http.HttpRequest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A secret sent in one header, after a scheme such as {@code "Bearer "} (empty for a bare key). Without the
 * secret, calls fail as authentication errors before reaching the network, and health says {@code missing}.
 */
record HeaderCredential(String provider, String header, String scheme, Secret secret, String missing) implements Credential {
    @Override
    public CompletableFuture<HttpRequest> authorize(HttpRequest.Builder request) {
        if (!secret.isPresent()) {
            return CompletableFuture.failedFuture(VoiceException.of(ErrorKind.AUTHENTICATION, provider, missing, null));
        }
        return CompletableFuture.completedFuture(request.header(header, scheme + secret.reveal()).build());
    }

    @Override
    public Optional<String> problem() {
        return secret.isPresent() ? Optional.empty() : Optional.of(missing);
    }
}
