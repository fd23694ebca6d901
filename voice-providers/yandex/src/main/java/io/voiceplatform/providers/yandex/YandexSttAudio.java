package io.voiceplatform.providers.yandex;

import io.voiceplatform.providers.support.PcmAudio;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The audio {@code stt:recognize} is sent, and the query naming its format. API v1 reads no container but Ogg:
 * it takes Ogg Opus, or headerless 16-bit little-endian mono PCM ({@code lpcm}) at 8, 16 or 48 kHz
 * (https://yandex.cloud/en/docs/speechkit/formats). So WAV and raw PCM are turned into 16 kHz mono samples
 * here; 16 kHz mono input passes through unchanged.
 */
final class YandexSttAudio {
    static final int LPCM_SAMPLE_RATE = 16_000;
    private static final int DATA_ID = 0x61746164; // "data", little-endian

    private YandexSttAudio() {
    }

    /**
     * Ogg Opus as it is, anything else as raw 16 kHz mono PCM.
     *
     * @throws IllegalArgumentException when WAV is not 16-bit PCM or has no samples chunk
     */
    static Audio prepare(Audio audio) {
        if (audio.format() == AudioFormat.OGG_OPUS) {
            return audio;
        }
        // toWav16kMono resamples and downmixes; its output is a plain 44-byte header and one data chunk.
        ByteBuffer wav = PcmAudio.toWav16kMono(audio).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        if (wav.remaining() < 44 || wav.getInt(36) != DATA_ID) {
            throw new IllegalStateException("unexpected WAV layout from the conversion");
        }
        byte[] samples = new byte[Math.min(wav.getInt(40), wav.remaining() - 44)];
        wav.position(44).get(samples);
        return Audio.of(samples, AudioFormat.PCM, LPCM_SAMPLE_RATE, 1);
    }

    /** {@code format=lpcm&sampleRateHertz=16000} for prepared PCM, {@code format=oggopus} for Ogg Opus. */
    static String formatQuery(Audio prepared) {
        return prepared.format() == AudioFormat.PCM
                ? "format=lpcm&sampleRateHertz=" + prepared.sampleRate().orElseThrow()
                : "format=oggopus";
    }
}
