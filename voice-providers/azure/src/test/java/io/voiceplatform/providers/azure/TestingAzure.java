package io.voiceplatform.providers.azure;

import io.voiceplatform.providers.support.PcmAudio;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.providers.testkit.MockProviderServer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The Azure plugin with both endpoints at a mock server, with a canary key, and audio to send. */
final class TestingAzure {
    static final String KEY = "az-canary-3c9d2e7f1a0b";

    private TestingAzure() {
    }

    /** A mock Azure server, and the plugin's settings for it: enabled, the canary key, a 2 s limit. */
    static MockProviderServer mockServer() {
        return new MockProviderServer(new AzurePlugin(), url -> Map.of(
                "enabled", "true",
                "api-key", KEY,
                "region", "westeurope",
                "stt-base-url", url,
                "tts-base-url", url,
                "stt-languages", "en-US,en-GB,ru-RU,de-DE",
                "stt-default-language", "en-US",
                "tts-voice", "en-US-JennyNeural",
                "timeout", "2s"));
    }

    /** A tenth of a second of 16 kHz mono silence, with a WAV header. */
    static Audio wav() {
        return PcmAudio.toWav(pcm());
    }

    /** {@code seconds} of a 48 kHz stereo ramp, with a WAV header. */
    static Audio wav48kStereo(double seconds) {
        int frames = (int) (48_000 * seconds);
        byte[] pcm = new byte[frames * 4];
        for (int f = 0; f < frames; f++) {
            short v = (short) (f % 1000);
            pcm[f * 4] = (byte) v;
            pcm[f * 4 + 1] = (byte) (v >> 8);
            pcm[f * 4 + 2] = (byte) v;
            pcm[f * 4 + 3] = (byte) (v >> 8);
        }
        return PcmAudio.toWav(Audio.of(pcm, AudioFormat.PCM, 48_000, 2));
    }

    /**
     * The headers of an Ogg Opus stream: a first page holding {@code OpusHead} with the given pre-skip, then
     * a last page whose granule position ends the stream after {@code seconds}. No audio, no checksums.
     */
    static Audio oggOpus(double seconds, int preSkip) {
        ByteBuffer b = ByteBuffer.allocate(2 * 27 + 2 + 19 + 3).order(ByteOrder.LITTLE_ENDIAN);
        page(b, 0, 2, 19);
        b.put("OpusHead".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 1).putShort((short) preSkip)
                .putInt(48_000).putShort((short) 0).put((byte) 0);
        page(b, preSkip + Math.round(seconds * 48_000), 4, 3);
        b.put(new byte[]{1, 2, 3});
        return Audio.of(b.array(), AudioFormat.OGG_OPUS);
    }

    private static void page(ByteBuffer b, long granule, int type, int size) {
        b.put("OggS".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) type).putLong(granule)
                .putInt(1).putInt(type == 2 ? 0 : 1).putInt(0).put((byte) 1).put((byte) size);
    }

    static Audio pcm() {
        return Audio.of(new byte[3200], AudioFormat.PCM, 16_000, 1);
    }
}
