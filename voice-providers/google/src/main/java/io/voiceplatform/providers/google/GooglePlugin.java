package io.voiceplatform.providers.google;

import com.fasterxml.jackson.databind.JsonNode;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.providers.support.ProviderHttp;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Google Cloud: Speech-to-Text v1 synchronous recognition ({@code POST /v1/speech:recognize}) and
 * Text-to-Speech v1 ({@code POST /v1/text:synthesize}), with an API key or a service-account key file.
 */
public final class GooglePlugin implements ProviderPlugin {
    static final String ID = "google";
    private static final String NO_CREDENTIALS = "no credentials configured (voice.providers.google.api-key or GOOGLE_API_KEY, or a service-account"
            + " key file in voice.providers.google.credentials-file or GOOGLE_APPLICATION_CREDENTIALS)";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<SttProvider> createStt(ProviderContext context) {
        return settings(context).map(settings -> new GoogleSttProvider(settings, http(settings, context)));
    }

    @Override
    public Optional<TtsProvider> createTts(ProviderContext context) {
        return settings(context).map(settings -> new GoogleTtsProvider(settings, http(settings, context)));
    }

    /**
     * A service account's access token when a key file is configured, else the API key in {@code X-Goog-Api-Key}
     * (https://cloud.google.com/docs/authentication/api-keys-use: never in the URL, where proxies and access logs
     * would keep it); Google's error bodies read into failures. Reading the key file makes no network call.
     */
    private static ProviderHttp http(GoogleSettings settings, ProviderContext context) {
        ProviderHttp.Builder http = ProviderHttp.builder(ID, context).timeout(settings.timeout()).errors(new GoogleErrorReader());
        return settings.credentialsFile()
                .map(file -> http.credential(ServiceAccountAuth.load(file, "voice.providers.google.credentials-file")))
                .orElseGet(() -> http.credentialHeader("X-Goog-Api-Key", "", settings.apiKey(), NO_CREDENTIALS))
                .build();
    }

    /** A JSON {@code POST}, as both Speech-to-Text and Text-to-Speech take their requests. */
    static HttpRequest.Builder post(URI uri, JsonNode body) {
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    }

    /** The settings, read and checked, when the plugin is enabled. */
    private static Optional<GoogleSettings> settings(ProviderContext context) {
        return context.settings().getBoolean("enabled", false) ? Optional.of(GoogleSettings.from(context.settings())) : Optional.empty();
    }
}
