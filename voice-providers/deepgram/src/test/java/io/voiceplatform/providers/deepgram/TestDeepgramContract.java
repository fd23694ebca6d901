package io.voiceplatform.providers.deepgram;

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

/** The plugin contract of the test kit, with Deepgram's documented answers. */
class TestDeepgramContract extends ProviderContractTest {
    @Override
    protected ProviderPlugin plugin() {
        return new DeepgramPlugin();
    }

    @Override
    protected Map<String, String> settings(String baseUrl, String apiKey, Duration timeout) {
        return Map.of("enabled", "true", "api-key", apiKey, "base-url", baseUrl, "timeout", timeout.toMillis() + "ms");
    }

    @Override
    protected Optional<MockResponse> transcriptionAnswer() {
        return Optional.of(json(200, "listen-success.json"));
    }

    @Override
    protected Optional<MockResponse> speechAnswer() {
        return Optional.of(new MockResponse().setHeader("Content-Type", "audio/mpeg").setBody("ID3\u0004\0\0\0\0\0\0fake mp3 frames"));
    }

    /** Deepgram's {@code err_code}/{@code err_msg} error shape. */
    @Override
    protected MockResponse errorAnswer(int status, String message) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody("{\"err_code\":\"CONTRACT\",\"err_msg\":\"" + message + "\",\"request_id\":\"00000000-0000-0000-0000-000000000000\"}");
    }

    /** https://developers.deepgram.com/reference/errors, in both of its shapes. */
    @Override
    protected List<DocumentedError> documentedErrors() {
        return List.of(
                DocumentedError.of(400, "error-bad-request.json", ErrorKind.INVALID_REQUEST, "Bad Request: failed to process audio: corrupt or unsupported data"),
                DocumentedError.of(400, "error-invalid-json.json", ErrorKind.INVALID_REQUEST, "INVALID_JSON Invalid JSON submitted. (Json deserialize error"),
                DocumentedError.of(401, "error-invalid-auth.json", ErrorKind.AUTHENTICATION, "INVALID_AUTH Invalid credentials."),
                DocumentedError.of(429, "error-rate-limited.json", ErrorKind.RATE_LIMITED, "TOO_MANY_REQUESTS Too many requests").retryAfter(7));
    }
}
