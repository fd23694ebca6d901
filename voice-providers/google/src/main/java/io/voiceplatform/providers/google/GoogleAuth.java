package io.voiceplatform.providers.google;

import io.voiceplatform.api.plugin.Secret;

import java.net.http.HttpRequest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** How a request says who sends it: an API key, or a service account's OAuth access token. */
interface GoogleAuth extends AutoCloseable {
    String NO_CREDENTIALS = "no credentials configured (voice.providers.google.api-key or GOOGLE_API_KEY, or a service-account"
            + " key file in voice.providers.google.credentials-file or GOOGLE_APPLICATION_CREDENTIALS)";

    /** The credential in use: a service-account key file when there is one, else the API key (perhaps none). */
    static GoogleAuth of(GoogleSettings settings) {
        return settings.credentialsFile()
                .<GoogleAuth>map(file -> ServiceAccountAuth.load(file, "voice.providers.google.credentials-file"))
                .orElseGet(() -> new ApiKeyAuth(settings.apiKey()));
    }

    /**
     * The request with its credential header. Fails with a {@link io.voiceplatform.api.VoiceException}:
     * {@code AUTHENTICATION} when there is no credential or it was refused.
     */
    CompletableFuture<HttpRequest> authorize(HttpRequest.Builder request);

    /** Why calls cannot be authorized now, if they cannot. */
    Optional<String> problem();

    /** What must never appear in a message: the API key (Google does not echo access tokens). */
    Secret secret();

    /** Stops what the credential runs in the background; quiet and idempotent. */
    @Override
    void close();
}
