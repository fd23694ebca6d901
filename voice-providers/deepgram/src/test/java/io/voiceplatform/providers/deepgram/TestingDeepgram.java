package io.voiceplatform.providers.deepgram;

import io.voiceplatform.providers.support.PcmAudio;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.providers.testkit.MockProviderServer;

import java.util.Map;

/** The Deepgram plugin against a mock server, with a canary key, and audio to send. */
final class TestingDeepgram {
    static final String KEY = "dg-canary-7Q2xY9kLmN3p";

    private TestingDeepgram() {
    }

    /** A mock Deepgram server, and the plugin's settings for it: enabled, the canary key, a 2 s limit. */
    static MockProviderServer mockServer() {
        return new MockProviderServer(new DeepgramPlugin(), url -> Map.of(
                "enabled", "true",
                "api-key", KEY,
                "base-url", url,
                "stt-models", "nova-2,nova-3",
                "tts-voice", "aura-asteria-en",
                "timeout", "2s"));
    }

    /** A tenth of a second of 16 kHz mono silence, with a WAV header. */
    static Audio wav() {
        return PcmAudio.toWav(pcm());
    }

    static Audio pcm() {
        return Audio.of(new byte[3200], AudioFormat.PCM, 16_000, 1);
    }
}
