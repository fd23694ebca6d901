package io.voiceplatform.providers.yandex;

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

/** The plugin contract of the test kit, with SpeechKit's documented answers. */
class TestYandexContract extends ProviderContractTest {
    @Override
    protected ProviderPlugin plugin() {
        return new YandexPlugin();
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
        return Optional.of(new MockResponse().setHeader("Content-Type", "audio/mpeg").setBody("ID3\u0004\0\0\0\0\0\0fake mp3 frames"));
    }

    /** SpeechKit's {@code error_code}/{@code error_message} error shape. */
    @Override
    protected MockResponse errorAnswer(int status, String message) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody("{\"error_code\":\"CONTRACT\",\"error_message\":\"" + message + "\"}");
    }

    /** A gateway's page where MP3 was asked for. */
    @Override
    protected Optional<MockResponse> unreadableSpeechAnswer() {
        return Optional.of(new MockResponse().setHeader("Content-Type", "text/html").setBody("<html><body>502 Bad Gateway</body></html>"));
    }

    /** https://yandex.cloud/en/docs/speechkit/concepts/response: API v1's error body and the API gateway's. */
    @Override
    protected List<DocumentedError> documentedErrors() {
        return List.of(
                DocumentedError.of(400, "error-bad-request.json", ErrorKind.INVALID_REQUEST, "BAD_REQUEST audio should be less than 30s"),
                DocumentedError.of(401, "error-unauthorized.json", ErrorKind.AUTHENTICATION, "UNAUTHORIZED The token is invalid"),
                DocumentedError.of(401, "error-unauthenticated.json", ErrorKind.AUTHENTICATION, "UNAUTHENTICATED Unknown api key"),
                DocumentedError.of(403, "error-permission-denied.json", ErrorKind.AUTHENTICATION, "PERMISSION_DENIED Permission to"),
                DocumentedError.of(429, "error-resource-exhausted.json", ErrorKind.RATE_LIMITED, "RESOURCE_EXHAUSTED Quota exceeded").retryAfter(7),
                DocumentedError.of(500, "error-internal.json", ErrorKind.UNAVAILABLE, "INTERNAL Internal server error"));
    }
}
