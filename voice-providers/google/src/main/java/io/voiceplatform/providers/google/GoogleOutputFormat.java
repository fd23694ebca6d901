package io.voiceplatform.providers.google;

import io.voiceplatform.api.AudioFormat;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code audioConfig.audioEncoding} asked for each platform format
 * (https://cloud.google.com/text-to-speech/docs/reference/rest/v1/AudioConfig#AudioEncoding). LINEAR16 comes
 * with a WAV header, so it serves WAV as it is and raw PCM once the header is taken off. MULAW and ALAW
 * have no platform format; FLAC, WebM, M4A and AAC are not produced by Google.
 */
enum GoogleOutputFormat {
    WAV(AudioFormat.WAV, "LINEAR16"),
    PCM(AudioFormat.PCM, "LINEAR16"),
    MP3(AudioFormat.MP3, "MP3"),
    OGG_OPUS(AudioFormat.OGG_OPUS, "OGG_OPUS");

    private final AudioFormat format;
    private final String encoding;

    GoogleOutputFormat(AudioFormat format, String encoding) {
        this.format = format;
        this.encoding = encoding;
    }

    static Optional<GoogleOutputFormat> of(AudioFormat format) {
        return Arrays.stream(values()).filter(f -> f.format == format).findFirst();
    }

    static AudioFormat[] platformFormats() {
        return Arrays.stream(values()).map(f -> f.format).toArray(AudioFormat[]::new);
    }

    AudioFormat format() {
        return format;
    }

    /** The value of {@code audioEncoding}. */
    String encoding() {
        return encoding;
    }
}
