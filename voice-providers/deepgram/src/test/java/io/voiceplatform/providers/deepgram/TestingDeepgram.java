package io.voiceplatform.providers.deepgram;

import io.voiceplatform.providers.support.PcmAudio;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.plugin.HttpTransport;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderSettings;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/** A Deepgram plugin pointed at a MockWebServer, with a canary key, and the fixtures. */
final class TestingDeepgram {
    static final String KEY = "dg-canary-7Q2xY9kLmN3p";

    private TestingDeepgram() {
    }

    static ProviderContext context(MockWebServer server, ScheduledExecutorService scheduler, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(Map.of(
                "enabled", "true",
                "api-key", KEY,
                "base-url", server.url("/").toString(),
                "stt-models", "nova-2,nova-3",
                "tts-voice", "aura-asteria-en",
                "timeout", "2s"));
        values.putAll(overrides);
        HttpClient client = HttpClient.newHttpClient();
        HttpTransport transport = client::sendAsync;
        return new ProviderContext(new ProviderSettings("voice.providers.deepgram", values), transport, scheduler);
    }

    static MockResponse json(int status, String fixture) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(fixture(fixture));
    }

    static String fixture(String name) {
        try (InputStream in = TestingDeepgram.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("fixture " + name, e));
        }
    }

    /** A tenth of a second of 16 kHz mono silence, with a WAV header. */
    static Audio wav() {
        return PcmAudio.toWav(pcm());
    }

    static Audio pcm() {
        return Audio.of(new byte[3200], AudioFormat.PCM, 16_000, 1);
    }
}
