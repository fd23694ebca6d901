package io.voiceplatform.providers.google;

import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.providers.testkit.DocumentedError;
import io.voiceplatform.providers.testkit.ProviderContractTest;
import okhttp3.mockwebserver.MockResponse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.voiceplatform.providers.testkit.MockProviderServer.json;

/** The plugin contract of the test kit, with Google's documented answers. */
class TestGoogleContract extends ProviderContractTest {
    @Override
    protected ProviderPlugin plugin() {
        return new GooglePlugin();
    }

    @Override
    protected Map<String, String> settings(String baseUrl, String apiKey, Duration timeout) {
        return Map.of("enabled", "true", "api-key", apiKey, "stt-base-url", baseUrl, "tts-base-url", baseUrl,
                "timeout", timeout.toMillis() + "ms");
    }

    @Override
    protected Optional<MockResponse> transcriptionAnswer() {
        return Optional.of(json(200, "recognize-success.json"));
    }

    @Override
    protected Optional<MockResponse> speechAnswer() {
        return Optional.of(json(200, "synthesize-mp3.json"));
    }

    /** A 200 answer that is JSON but carries no audio. */
    @Override
    protected Optional<MockResponse> unreadableSpeechAnswer() {
        return Optional.of(new MockResponse().setHeader("Content-Type", "application/json").setBody("{\"audioConfig\":{}}"));
    }

    /** Google's {@code {"error": {"code", "message", "status"}}} shape, with the canonical status of each code. */
    @Override
    protected MockResponse errorAnswer(int status, String message) {
        String name = switch (status) {
            case 400, 413, 422 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            default -> "INTERNAL";
        };
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json; charset=UTF-8")
                .setBody("{\"error\":{\"code\":" + status + ",\"message\":\"" + message + "\",\"status\":\"" + name + "\"}}");
    }

    /** https://cloud.google.com/apis/design/errors: a wrong API key comes as 400, and is an authentication failure. */
    @Override
    protected List<DocumentedError> documentedErrors() {
        return List.of(
                DocumentedError.of(400, "error-invalid-argument.json", ErrorKind.INVALID_REQUEST, "INVALID_ARGUMENT: Invalid recognition 'config'"),
                DocumentedError.of(400, "error-api-key-invalid.json", ErrorKind.AUTHENTICATION, "INVALID_ARGUMENT: API key not valid."),
                DocumentedError.of(401, "error-unauthenticated.json", ErrorKind.AUTHENTICATION, "UNAUTHENTICATED: Request had invalid authentication"),
                DocumentedError.of(403, "error-permission-denied.json", ErrorKind.AUTHENTICATION, "PERMISSION_DENIED: Cloud Text-to-Speech API"),
                DocumentedError.of(404, "error-not-found.json", ErrorKind.UNSUPPORTED, "NOT_FOUND: Method not found."),
                DocumentedError.of(429, "error-resource-exhausted.json", ErrorKind.RATE_LIMITED, "RESOURCE_EXHAUSTED: Quota exceeded").retryAfter(7),
                DocumentedError.of(503, "error-unavailable.json", ErrorKind.UNAVAILABLE, "UNAVAILABLE: The service is currently unavailable."));
    }
}
