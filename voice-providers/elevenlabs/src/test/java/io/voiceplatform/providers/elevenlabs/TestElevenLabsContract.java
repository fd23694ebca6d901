package io.voiceplatform.providers.elevenlabs;

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

/** The plugin contract of the test kit, with ElevenLabs' documented answers. */
class TestElevenLabsContract extends ProviderContractTest {
    @Override
    protected ProviderPlugin plugin() {
        return new ElevenLabsPlugin();
    }

    @Override
    protected Map<String, String> settings(String baseUrl, String apiKey, Duration timeout) {
        return Map.of("enabled", "true", "api-key", apiKey, "base-url", baseUrl, "timeout", timeout.toMillis() + "ms");
    }

    @Override
    protected Optional<MockResponse> transcriptionAnswer() {
        return Optional.of(json(200, "stt-success.json"));
    }

    @Override
    protected Optional<MockResponse> speechAnswer() {
        return Optional.of(new MockResponse().setHeader("Content-Type", "audio/mpeg").setBody("ID3\u0004\0\0\0\0\0\0fake mp3 frames"));
    }

    /** ElevenLabs' {@code detail} error shape. */
    @Override
    protected MockResponse errorAnswer(int status, String message) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody("{\"detail\":{\"status\":\"contract\",\"message\":\"" + message + "\"}}");
    }

    /**
     * https://elevenlabs.io/docs/eleven-api/resources/errors: an exhausted quota comes as 401 and an unknown voice
     * as 400, and neither is what its status says.
     */
    @Override
    protected List<DocumentedError> documentedErrors() {
        return List.of(
                DocumentedError.of(400, "error-invalid-parameters.json", ErrorKind.INVALID_REQUEST, "invalid_parameters: The 'keyterms' parameter"),
                DocumentedError.of(400, "error-voice-not-found.json", ErrorKind.UNSUPPORTED, "voice_not_found: A voice with the voice_id"),
                DocumentedError.of(401, "error-invalid-api-key.json", ErrorKind.AUTHENTICATION, "invalid_api_key: Invalid API key"),
                DocumentedError.of(401, "error-quota-exceeded.json", ErrorKind.RATE_LIMITED, "quota_exceeded: This request exceeds your quota"),
                DocumentedError.of(422, "error-validation.json", ErrorKind.INVALID_REQUEST, "body.text: Field required"),
                DocumentedError.of(429, "error-too-many-requests.json", ErrorKind.RATE_LIMITED, "too_many_concurrent_requests: Too many").retryAfter(2));
    }
}
