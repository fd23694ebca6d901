package io.voiceplatform.providers.yandex;

import io.voiceplatform.providers.support.PcmAudio;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.providers.testkit.MockProviderServer;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Yandex plugin against a mock server, with canary credentials, and audio to send. */
final class TestingYandex {
    static final String KEY = "AQVN-canary-key-7Q2xY9kLmN3p";
    static final String IAM_TOKEN = "t1.canary-iam-token-4Hv8Rw2Zq";
    static final String FOLDER = "b1gcanaryfolder00001";

    private TestingYandex() {
    }

    /** A mock Yandex server, and the plugin's settings for it: enabled, the canary key, a 2 s limit. */
    static MockProviderServer mockServer() {
        return new MockProviderServer(new YandexPlugin(), url -> Map.of(
                "enabled", "true",
                "api-key", KEY,
                "folder-id", FOLDER,
                "stt-base-url", url,
                "tts-base-url", url,
                "timeout", "2s"));
    }

    /** A tenth of a second of 16 kHz mono PCM, a ramp so that every sample differs from its neighbours. */
    static Audio pcm() {
        return pcm(16_000, 1, 1600, frame -> (short) (frame * 7 - 5000));
    }

    /** {@link #pcm()} with a WAV header. */
    static Audio wav() {
        return PcmAudio.toWav(pcm());
    }

    interface Samples {
        short at(int frame);
    }

    /** Raw 16-bit PCM with the same sample on every channel of a frame. */
    static Audio pcm(int rate, int channels, int frames, Samples samples) {
        ByteBuffer b = ByteBuffer.allocate(frames * channels * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++) {
                b.putShort(samples.at(f));
            }
        }
        return Audio.of(b.array(), AudioFormat.PCM, rate, channels);
    }

    /** The fields of a form body in their order, decoded. */
    static List<Map.Entry<String, String>> formFields(String body) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            fields.add(Map.entry(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)));
        }
        return fields;
    }
}
