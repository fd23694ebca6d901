package io.voiceplatform.providers.yandex;

import io.voiceplatform.providers.support.PcmAudio;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.VoiceException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code format} of {@code tts:synthesize} for each platform format
 * (https://yandex.cloud/en/docs/speechkit/tts/request). Yandex makes no WAV: WAV is LPCM wrapped in a header
 * here. LPCM comes at 48 kHz, Yandex's default and best rate, mono.
 */
enum YandexOutputFormat {
    MP3(AudioFormat.MP3, "mp3"),
    OGG_OPUS(AudioFormat.OGG_OPUS, "oggopus"),
    PCM(AudioFormat.PCM, "lpcm"),
    WAV(AudioFormat.WAV, "lpcm");

    static final int LPCM_SAMPLE_RATE = 48_000;
    private static final byte[] ID3 = "ID3".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OGG = "OggS".getBytes(StandardCharsets.US_ASCII);

    private final AudioFormat format;
    private final String wireFormat;

    YandexOutputFormat(AudioFormat format, String wireFormat) {
        this.format = format;
        this.wireFormat = wireFormat;
    }

    static Optional<YandexOutputFormat> of(AudioFormat format) {
        return Arrays.stream(values()).filter(f -> f.format == format).findFirst();
    }

    static AudioFormat[] platformFormats() {
        return Arrays.stream(values()).map(f -> f.format).toArray(AudioFormat[]::new);
    }

    AudioFormat format() {
        return format;
    }

    /** The form fields naming the format, e.g. {@code format=mp3} or {@code format=lpcm&sampleRateHertz=48000}. */
    String formFields() {
        return "format=" + wireFormat + ("lpcm".equals(wireFormat) ? "&sampleRateHertz=" + LPCM_SAMPLE_RATE : "");
    }

    /**
     * The answer as audio of the platform format. A body that cannot be such audio (empty, or an MP3 or Ogg
     * answer without its signature, such as a gateway's page) is a provider error rather than audio for the caller.
     */
    Audio audio(byte[] bytes) {
        boolean plausible = switch (this) {
            case MP3 -> startsWith(bytes, ID3) || bytes.length > 1 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xE0) == 0xE0;
            case OGG_OPUS -> startsWith(bytes, OGG);
            case PCM, WAV -> bytes.length > 0;
        };
        if (!plausible) {
            throw VoiceException.of(ErrorKind.PROVIDER_ERROR, YandexPlugin.ID, "Yandex answered " + bytes.length
                    + " bytes that are not " + format.id() + " audio", null);
        }
        return switch (this) {
            case PCM -> Audio.of(bytes, AudioFormat.PCM, LPCM_SAMPLE_RATE, 1);
            case WAV -> PcmAudio.toWav(Audio.of(bytes, AudioFormat.PCM, LPCM_SAMPLE_RATE, 1));
            default -> Audio.of(bytes, format);
        };
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
