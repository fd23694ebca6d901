package io.voiceplatform.providers.support;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/** WAV header around raw PCM, and PCM/WAV durations. */
public final class PcmAudio {
    private static final int MIN_RATE = 1000;
    private static final int MAX_RATE = 384_000;
    private static final int MAX_CHANNELS = 8;

    private PcmAudio() {
    }

    public static Audio toWav(Audio pcm) {
        int rate = pcm.sampleRate().orElseThrow();
        int channels = pcm.channels().orElseThrow();
        byte[] data = pcm.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + data.length).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16)
                .put("data".getBytes()).putInt(data.length).put(data);
        return Audio.of(b.array(), AudioFormat.WAV, rate, channels);
    }

    /**
     * The audio as 16 kHz mono 16-bit WAV.
     *
     * @throws IllegalArgumentException when it is not 16-bit PCM (WAV or raw) at 1 to 384 kHz with 1 to 8 channels
     */
    public static Audio toWav16kMono(Audio audio) {
        int rate;
        int channels;
        ByteBuffer data;
        if (audio.format() == AudioFormat.PCM) {
            rate = audio.sampleRate().orElseThrow();
            channels = audio.channels().orElseThrow();
            data = audio.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        } else {
            ByteBuffer b = audio.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            if (b.remaining() < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
                throw new IllegalArgumentException("not a RIFF WAVE file");
            }
            // Every size field comes from the caller: read as unsigned, and never past the end.
            long pos = 12;
            rate = 0;
            channels = 0;
            data = null;
            while (pos + 8 <= b.limit()) {
                int at = (int) pos;
                int id = b.getInt(at);
                long size = Integer.toUnsignedLong(b.getInt(at + 4));
                if (id == 0x20746d66) {
                    if (at + 8 + 16 > b.limit()) {
                        throw new IllegalArgumentException("the fmt chunk is cut short");
                    }
                    if (b.getShort(at + 8) != 1 || b.getShort(at + 22) != 16) {
                        throw new IllegalArgumentException("only 16-bit PCM WAV is converted");
                    }
                    channels = b.getShort(at + 10);
                    rate = b.getInt(at + 12);
                } else if (id == 0x61746164) {
                    int end = (int) Math.min(b.limit(), pos + 8 + size);
                    data = b.duplicate().position(at + 8).limit(end).slice().order(ByteOrder.LITTLE_ENDIAN);
                    break;
                }
                pos += 8 + size + (size & 1);
            }
            if (data == null || rate <= 0 || channels <= 0) {
                throw new IllegalArgumentException("WAV without fmt or data chunk");
            }
        }
        // A claimed rate of 1 Hz would make 16,000 output samples of each input sample: refuse what no recorder writes.
        if (rate < MIN_RATE || rate > MAX_RATE || channels < 1 || channels > MAX_CHANNELS) {
            throw new IllegalArgumentException("unsupported layout: " + channels + " channels at " + rate + " Hz");
        }
        int frames = data.remaining() / (2 * channels);
        double[] mono = new double[frames];
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += data.getShort((f * channels + c) * 2);
            }
            mono[f] = sum / channels;
        }
        int outFrames = (int) ((long) frames * 16_000 / rate);
        byte[] out = new byte[outFrames * 2];
        ByteBuffer o = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < outFrames; i++) {
            double src = (double) i * rate / 16_000;
            int i0 = (int) src;
            int i1 = Math.min(i0 + 1, frames - 1);
            double v = mono[i0] + (mono[i1] - mono[i0]) * (src - i0);
            o.putShort(i * 2, (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v))));
        }
        return toWav(Audio.of(out, AudioFormat.PCM, 16_000, 1));
    }

    public static Duration duration(Audio audio) {
        if (audio.format() == AudioFormat.PCM) {
            return Duration.ofNanos(audio.size() * 1_000_000_000L / (2L * audio.sampleRate().orElseThrow() * audio.channels().orElseThrow()));
        }
        if (audio.format() == AudioFormat.WAV && audio.size() >= 44) {
            ByteBuffer b = audio.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            int byteRate = b.getInt(28);
            return byteRate <= 0 ? Duration.ZERO : Duration.ofNanos((audio.size() - 44L) * 1_000_000_000L / byteRate);
        }
        return Duration.ZERO;
    }
}
