package io.voiceplatform.api;

import java.util.Locale;
import java.util.Optional;

/** Audio container or encoding understood by the platform. */
public enum AudioFormat {
    WAV("wav", "audio/wav"),
    MP3("mp3", "audio/mpeg"),
    OGG_OPUS("opus", "audio/ogg"),
    /** Vorbis in Ogg; a name alone ({@code .ogg}) does not tell it from Opus, its first bytes do. @since SPI 1.1 */
    OGG_VORBIS("vorbis", "audio/ogg"),
    FLAC("flac", "audio/flac"),
    WEBM("webm", "audio/webm"),
    M4A("m4a", "audio/mp4"),
    /** AAC in ADTS frames, as OpenAI's {@code response_format=aac} delivers it. */
    AAC("aac", "audio/aac"),
    /** Raw signed 16-bit little-endian samples without a header. */
    PCM("pcm", "audio/pcm");

    private final String id;
    private final String mediaType;

    AudioFormat(String id, String mediaType) {
        this.id = id;
        this.mediaType = mediaType;
    }

    /** Short lower-case name, as used in configuration and in the OpenAI {@code response_format}. */
    public String id() {
        return id;
    }

    public String mediaType() {
        return mediaType;
    }

    /**
     * Parses an id or a common alias ({@code ogg}, {@code opus}, {@code mp4}, {@code mpga}, {@code wave}); empty when
     * unknown. {@code ogg} names Ogg Opus, the usual Ogg audio of speech APIs.
     */
    public static Optional<AudioFormat> fromId(String name) {
        if (name == null) {
            return Optional.empty();
        }
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "wav": case "wave": return Optional.of(WAV);
            case "mp3": case "mpeg": case "mpga": return Optional.of(MP3);
            case "ogg": case "opus": case "oga": case "ogg_opus": return Optional.of(OGG_OPUS);
            case "vorbis": case "ogg_vorbis": return Optional.of(OGG_VORBIS);
            case "flac": return Optional.of(FLAC);
            case "webm": return Optional.of(WEBM);
            case "m4a": case "mp4": return Optional.of(M4A);
            case "aac": case "adts": return Optional.of(AAC);
            case "pcm": case "raw": return Optional.of(PCM);
            default: return Optional.empty();
        }
    }
}
