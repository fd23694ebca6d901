package io.voiceplatform.providers.openai;

import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.providers.testkit.DocumentedError;
import io.voiceplatform.providers.testkit.MockProviderServer;
import io.voiceplatform.providers.testkit.ProviderContractTest;
import okhttp3.mockwebserver.MockResponse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The plugin contract of the test kit, with OpenAI's documented answers (OpenAI's error shape is the kit's default). */
class TestOpenAiContract extends ProviderContractTest {
    @Override
    protected ProviderPlugin plugin() {
        return new OpenAiPlugin();
    }

    @Override
    protected Map<String, String> settings(String baseUrl, String apiKey, Duration timeout) {
        return Map.of("enabled", "true", "api-key", apiKey, "base-url", baseUrl + "/v1", "timeout", timeout.toMillis() + "ms");
    }

    /** OpenAI's own API needs the key (a self-hosted server that speaks the API may not: see TestOpenAiPlugin). */
    @Override
    protected Map<String, String> settingsWithoutCredential(String baseUrl, Duration timeout) {
        return settings("https://api.openai.com", "", timeout);
    }

    @Override
    protected Optional<MockResponse> transcriptionAnswer() {
        return Optional.of(new MockResponse().setHeader("Content-Type", "application/json").setBody(MockProviderServer.fixture("transcription.json")));
    }

    @Override
    protected Optional<MockResponse> speechAnswer() {
        return Optional.of(new MockResponse().setHeader("Content-Type", "audio/mpeg").setBody("ID3\u0004\0\0\0\0\0\0fake mp3 frames"));
    }

    /** OpenAI's error object, as its API reference shows it for a wrong key and a rate limit. */
    @Override
    protected List<DocumentedError> documentedErrors() {
        return List.of(
                DocumentedError.of(401, "error-invalid-key.json", ErrorKind.AUTHENTICATION, "Incorrect API key provided"),
                DocumentedError.of(429, "error-rate-limit.json", ErrorKind.RATE_LIMITED, "Rate limit reached for requests").retryAfter(7));
    }
}
