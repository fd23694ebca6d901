package io.voiceplatform.core.audio;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.PcmFormat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Decoded audio: signed 16-bit samples, channels interleaved, at a sample rate.
 *
 * @param samples interleaved samples, {@code frames * channels} of them
 * @param format  the sample rate and channel count
 */
public record Pcm(short[] samples, PcmFormat format) {
    public Pcm {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(format, "format");
        if (samples.length % format.channels() != 0) {
            throw new IllegalArgumentException(samples.length + " samples do not fill frames of " + format.channels() + " channels");
        }
    }

    /** The samples of raw PCM ({@link AudioFormat#PCM}); a trailing partial frame is dropped. */
    public static Pcm of(Audio raw) {
        if (raw.format() != AudioFormat.PCM) {
            throw new IllegalArgumentException("not raw PCM: " + raw.format().id());
        }
        ByteBuffer bytes = raw.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int channels = raw.channels().orElseThrow();
        short[] samples = new short[bytes.remaining() / 2 / channels * channels];
        bytes.asShortBuffer().get(samples);
        return new Pcm(samples, new PcmFormat(raw.sampleRate().orElseThrow(), channels));
    }

    public int frames() {
        return samples.length / format.channels();
    }

    public Duration duration() {
        return Duration.ofNanos(Math.round(frames() * 1e9 / format.sampleRate()));
    }

    /** Little-endian bytes, as raw PCM and WAV carry them. */
    public byte[] toLittleEndian() {
        ByteBuffer out = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        out.asShortBuffer().put(samples);
        return out.array();
    }

    /** As an {@link Audio} of {@code container}, which is {@link AudioFormat#PCM} or {@link AudioFormat#WAV}. */
    public Audio toAudio(AudioFormat container) {
        return switch (container) {
            case PCM -> Audio.of(toLittleEndian(), AudioFormat.PCM, format.sampleRate(), format.channels());
            case WAV -> Audio.of(wav(), AudioFormat.WAV, format.sampleRate(), format.channels());
            default -> throw new IllegalArgumentException("PCM goes into raw PCM or WAV, not " + container.id());
        };
    }

    private byte[] wav() {
        int dataBytes = samples.length * 2;
        int blockAlign = format.channels() * 2;
        ByteBuffer out = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) format.channels())
                .putInt(format.sampleRate()).putInt(format.sampleRate() * blockAlign).putShort((short) blockAlign).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
        out.asShortBuffer().put(samples);
        return out.array();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pcm other && format.equals(other.format) && java.util.Arrays.equals(samples, other.samples);
    }

    @Override
    public int hashCode() {
        return 31 * format.hashCode() + java.util.Arrays.hashCode(samples);
    }

    @Override
    public String toString() {
        return "Pcm[" + frames() + " frames, " + format.sampleRate() + " Hz, " + format.channels() + " ch]";
    }
}
