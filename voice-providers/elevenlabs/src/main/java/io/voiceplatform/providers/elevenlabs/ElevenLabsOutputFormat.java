package io.voiceplatform.providers.elevenlabs;

import io.voiceplatform.api.AudioFormat;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code output_format} query value asked for each platform format
 * (https://elevenlabs.io/docs/api-reference/text-to-speech/convert). ElevenLabs has no WAV output: WAV is
 * its 24 kHz PCM with a header written here.
 */
enum ElevenLabsOutputFormat {
    MP3(AudioFormat.MP3, "mp3_44100_128"),
    PCM(AudioFormat.PCM, "pcm_24000"),
    WAV(AudioFormat.WAV, "pcm_24000"),
    OGG_OPUS(AudioFormat.OGG_OPUS, "opus_48000_64");

    static final int PCM_SAMPLE_RATE = 24_000;

    private final AudioFormat format;
    private final String outputFormat;

    ElevenLabsOutputFormat(AudioFormat format, String outputFormat) {
        this.format = format;
        this.outputFormat = outputFormat;
    }

    static Optional<ElevenLabsOutputFormat> of(AudioFormat format) {
        return Arrays.stream(values()).filter(f -> f.format == format).findFirst();
    }

    static AudioFormat[] platformFormats() {
        return Arrays.stream(values()).map(f -> f.format).toArray(AudioFormat[]::new);
    }

    AudioFormat format() {
        return format;
    }

    String outputFormat() {
        return outputFormat;
    }
}
