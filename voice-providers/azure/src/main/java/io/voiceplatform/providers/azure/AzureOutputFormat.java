package io.voiceplatform.providers.azure;

import io.voiceplatform.api.AudioFormat;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code X-Microsoft-OutputFormat} asked for each platform format, all at 24 kHz mono, the native rate
 * of the neural voices (https://learn.microsoft.com/azure/ai-services/speech-service/rest-text-to-speech#audio-outputs).
 */
enum AzureOutputFormat {
    WAV(AudioFormat.WAV, "riff-24khz-16bit-mono-pcm"),
    PCM(AudioFormat.PCM, "raw-24khz-16bit-mono-pcm"),
    MP3(AudioFormat.MP3, "audio-24khz-48kbitrate-mono-mp3"),
    OGG_OPUS(AudioFormat.OGG_OPUS, "ogg-24khz-16bit-mono-opus"),
    WEBM(AudioFormat.WEBM, "webm-24khz-16bit-mono-opus");

    static final int SAMPLE_RATE = 24_000;

    private final AudioFormat format;
    private final String header;

    AzureOutputFormat(AudioFormat format, String header) {
        this.format = format;
        this.header = header;
    }

    static Optional<AzureOutputFormat> of(AudioFormat format) {
        return Arrays.stream(values()).filter(f -> f.format == format).findFirst();
    }

    static AudioFormat[] platformFormats() {
        return Arrays.stream(values()).map(f -> f.format).toArray(AudioFormat[]::new);
    }

    AudioFormat format() {
        return format;
    }

    /** The value of the {@code X-Microsoft-OutputFormat} header. */
    String header() {
        return header;
    }
}
