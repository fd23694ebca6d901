package io.voiceplatform.providers.deepgram;

import io.voiceplatform.api.AudioFormat;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code encoding} and {@code container} query values of {@code /v1/speak} for each platform format, from
 * the audio format combinations of https://developers.deepgram.com/docs/tts-media-output-settings.
 * Linear16 comes at Deepgram's default 24 kHz, mono.
 */
enum DeepgramOutputFormat {
    WAV(AudioFormat.WAV, "linear16", "wav"),
    PCM(AudioFormat.PCM, "linear16", "none"),
    MP3(AudioFormat.MP3, "mp3", null),
    OGG_OPUS(AudioFormat.OGG_OPUS, "opus", "ogg"),
    FLAC(AudioFormat.FLAC, "flac", null);

    static final int LINEAR16_SAMPLE_RATE = 24_000;

    private final AudioFormat format;
    private final String encoding;
    private final String container;

    DeepgramOutputFormat(AudioFormat format, String encoding, String container) {
        this.format = format;
        this.encoding = encoding;
        this.container = container;
    }

    static Optional<DeepgramOutputFormat> of(AudioFormat format) {
        return Arrays.stream(values()).filter(f -> f.format == format).findFirst();
    }

    static AudioFormat[] platformFormats() {
        return Arrays.stream(values()).map(f -> f.format).toArray(AudioFormat[]::new);
    }

    AudioFormat format() {
        return format;
    }

    /** The query string part, e.g. {@code encoding=linear16&container=wav}. */
    String query() {
        return "encoding=" + encoding + (container == null ? "" : "&container=" + container);
    }
}
