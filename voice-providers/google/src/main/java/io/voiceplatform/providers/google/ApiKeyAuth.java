package io.voiceplatform.providers.google;

import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.plugin.Secret;

import java.net.http.HttpRequest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * An API key in the {@code X-Goog-Api-Key} header (https://cloud.google.com/docs/authentication/api-keys-use):
 * never in the URL's {@code key} parameter, where proxies and access logs would keep it.
 */
final class ApiKeyAuth implements GoogleAuth {
    static final String HEADER = "X-Goog-Api-Key";

    private final Secret key;

    ApiKeyAuth(Secret key) {
        this.key = key;
    }

    @Override
    public CompletableFuture<HttpRequest> authorize(HttpRequest.Builder request) {
        if (!key.isPresent()) {
            return CompletableFuture.failedFuture(VoiceException.of(ErrorKind.AUTHENTICATION, GooglePlugin.ID, NO_CREDENTIALS, null));
        }
        return CompletableFuture.completedFuture(request.header(HEADER, key.reveal()).build());
    }

    @Override
    public Optional<String> problem() {
        return key.isPresent() ? Optional.empty() : Optional.of(NO_CREDENTIALS);
    }

    @Override
    public Secret secret() {
        return key;
    }

    @Override
    public void close() {
        // nothing runs in the background
    }

    @Override
    public String toString() {
        return "ApiKeyAuth[" + key + "]";
    }
}
