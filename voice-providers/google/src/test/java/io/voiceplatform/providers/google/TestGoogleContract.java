package io.voiceplatform.providers.google;

import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.providers.testkit.ProviderContractTest;
import okhttp3.mockwebserver.MockResponse;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

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
        return Optional.of(TestingGoogle.json(200, "recognize-success.json"));
    }

    @Override
    protected Optional<MockResponse> speechAnswer() {
        return Optional.of(TestingGoogle.json(200, "synthesize-mp3.json"));
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
}
