package io.voiceplatform.providers.local;

import io.voiceplatform.api.VoiceException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads PCM WAV files into mono 16-bit samples and writes them back. Size fields are not trusted:
 * streaming encoders (such as {@code espeak-ng --stdout}) write placeholders like 0x7ffff024, so a data
 * chunk runs to the end of the file whenever its size says more than is there.
 */
final class WavCodec {
    private static final int PCM = 1;
    private static final int EXTENSIBLE = 0xFFFE;

    private WavCodec() {
    }

    static Pcm16 read(byte[] wav) {
        ByteBuffer in = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || !tag(wav, 0, "RIFF") || !tag(wav, 8, "WAVE")) {
            throw VoiceException.invalid("not a WAV file", "file");
        }
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int position = 12;
        while (position + 8 <= wav.length) {
            String id = new String(wav, position, 4, StandardCharsets.US_ASCII);
            long size = Integer.toUnsignedLong(in.getInt(position + 4));
            int body = position + 8;
            if (id.equals("fmt ")) {
                if (body + 16 > wav.length) {
                    throw VoiceException.invalid("the WAV header is truncated", "file");
                }
                int format = in.getShort(body) & 0xFFFF;
                channels = in.getShort(body + 2) & 0xFFFF;
                rate = in.getInt(body + 4);
                bits = in.getShort(body + 14) & 0xFFFF;
                if (format != PCM && format != EXTENSIBLE) {
                    throw VoiceException.unsupported("local", "only PCM WAV is supported, not WAV format " + format);
                }
            } else if (id.equals("data")) {
                if (channels == 0) {
                    throw VoiceException.invalid("the WAV data comes before its format", "file");
                }
                int length = (int) Math.min(size, wav.length - body);
                return decode(in, body, length, channels, rate, bits);
            }
            if (size > wav.length) {
                break;
            }
            position = body + (int) size + (int) (size & 1);
        }
        throw VoiceException.invalid("the WAV file has no audio data", "file");
    }

    private static Pcm16 decode(ByteBuffer in, int offset, int length, int channels, int rate, int bits) {
        if (rate < 1000 || rate > 384_000 || channels < 1 || channels > 8 || (bits != 8 && bits != 16 && bits != 24 && bits != 32)) {
            throw VoiceException.invalid("unsupported WAV layout: " + channels + " channels, " + rate + " Hz, " + bits + " bits", "file");
        }
        int bytesPerSample = bits / 8;
        int frames = length / (bytesPerSample * channels);
        if (frames == 0) {
            // A header alone (whatever size it claims) holds nothing to transcribe: the caller's file is at fault.
            throw VoiceException.invalid("the WAV file holds no samples", "file");
        }
        short[] mono = new short[frames];
        for (int f = 0; f < frames; f++) {
            long sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += sample(in, offset + (f * channels + c) * bytesPerSample, bits);
            }
            mono[f] = (short) (sum / channels);
        }
        return new Pcm16(mono, rate);
    }

    /** One sample scaled to 16 bits; 8-bit WAV is unsigned, wider ones signed. */
    private static int sample(ByteBuffer in, int at, int bits) {
        return switch (bits) {
            case 8 -> ((in.get(at) & 0xFF) - 128) << 8;
            case 16 -> in.getShort(at);
            case 24 -> ((in.get(at + 2) << 16) | ((in.get(at + 1) & 0xFF) << 8) | (in.get(at) & 0xFF)) >> 8;
            default -> in.getInt(at) >> 16;
        };
    }

    static byte[] write(Pcm16 pcm) {
        byte[] data = pcm.toLittleEndian();
        ByteBuffer out = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data.length).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) PCM).putShort((short) 1)
                .putInt(pcm.sampleRate()).putInt(pcm.sampleRate() * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return out.array();
    }

    private static boolean tag(byte[] data, int at, String tag) {
        return new String(data, at, 4, StandardCharsets.US_ASCII).equals(tag);
    }
}
