package io.voiceplatform.api;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Immutable audio clip: encoded bytes, their format and, where known, sample rate and channel count.
 * The bytes are copied once on construction and never handed out mutable.
 */
public final class Audio {
    private final byte[] data;
    private final AudioFormat format;
    private final int sampleRate;
    private final int channels;

    private Audio(byte[] data, AudioFormat format, int sampleRate, int channels) {
        this.data = data;
        this.format = format;
        this.sampleRate = sampleRate;
        this.channels = channels;
    }

    /** Audio whose sample rate and channels are unknown or carried inside the container. */
    public static Audio of(byte[] data, AudioFormat format) {
        return of(data, format, 0, 0);
    }

    /**
     * @param sampleRate samples per second, or 0 when unknown
     * @param channels   channel count, or 0 when unknown
     */
    public static Audio of(byte[] data, AudioFormat format, int sampleRate, int channels) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(format, "format");
        if (sampleRate < 0 || sampleRate > 384_000) {
            throw VoiceException.invalid("sample rate out of range: " + sampleRate, "sample_rate");
        }
        if (channels < 0 || channels > 32) {
            throw VoiceException.invalid("channel count out of range: " + channels, "channels");
        }
        if (format == AudioFormat.PCM && (sampleRate == 0 || channels == 0)) {
            throw VoiceException.invalid("raw PCM needs a sample rate and a channel count", "file");
        }
        return new Audio(data.clone(), format, sampleRate, channels);
    }

    public AudioFormat format() {
        return format;
    }

    public int size() {
        return data.length;
    }

    public boolean isEmpty() {
        return data.length == 0;
    }

    public OptionalInt sampleRate() {
        return sampleRate == 0 ? OptionalInt.empty() : OptionalInt.of(sampleRate);
    }

    public OptionalInt channels() {
        return channels == 0 ? OptionalInt.empty() : OptionalInt.of(channels);
    }

    /** A fresh copy of the bytes. */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** A read-only view of the bytes, without copying. */
    public ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    public InputStream openStream() {
        return new ByteArrayInputStream(data);
    }

    /** The same bytes labelled with another format (used once the real format has been detected). */
    public Audio withFormat(AudioFormat newFormat) {
        return newFormat == format ? this : new Audio(data, Objects.requireNonNull(newFormat), sampleRate, channels);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Audio other
                && format == other.format
                && sampleRate == other.sampleRate
                && channels == other.channels
                && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, sampleRate, channels, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "Audio[" + format.id() + ", " + data.length + " bytes"
                + (sampleRate > 0 ? ", " + sampleRate + " Hz" : "")
                + (channels > 0 ? ", " + channels + " ch" : "") + "]";
    }
}
