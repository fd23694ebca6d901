package io.voiceplatform.providers.azure;

import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.providers.testkit.ProviderContractTest;
import okhttp3.mockwebserver.MockResponse;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static io.voiceplatform.providers.testkit.MockProviderServer.json;

/** The plugin contract of the test kit, with Azure Speech's documented answers. */
class TestAzureContract extends ProviderContractTest {
    @Override
    protected ProviderPlugin plugin() {
        return new AzurePlugin();
    }

    @Override
    protected Map<String, String> settings(String baseUrl, String apiKey, Duration timeout) {
        return Map.of("enabled", "true", "api-key", apiKey, "region", "westeurope", "stt-base-url", baseUrl,
                "tts-base-url", baseUrl, "timeout", timeout.toMillis() + "ms");
    }

    @Override
    protected Optional<MockResponse> transcriptionAnswer() {
        return Optional.of(json(200, "stt-simple-success.json"));
    }

    @Override
    protected Optional<MockResponse> speechAnswer() {
        return Optional.of(new MockResponse().setHeader("Content-Type", "audio/mpeg").setBody("ID3\u0004\0\0\0\0\0\0fake mp3 frames"));
    }

    /**
     * Azure's REST endpoints answer errors as plain text (or an empty body); it documents no error body, so there
     * are no documented errors beyond the kit's status table.
     */
    @Override
    protected MockResponse errorAnswer(int status, String message) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "text/plain").setBody(message);
    }
}
