package io.voiceplatform.providers.deepgram;

import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.providers.testkit.ProviderContractTest;
import okhttp3.mockwebserver.MockResponse;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

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
        return Optional.of(TestingDeepgram.json(200, "listen-success.json"));
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
}
