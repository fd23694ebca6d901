package io.voiceplatform.core.testing;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Small real audio files for tests. */
public final class TestingAudio {
    private TestingAudio() {
    }

    /** A 16 kHz mono 16-bit WAV of a sine tone. */
    public static byte[] wav(double seconds, double hertz) {
        int rate = 16_000;
        int samples = (int) (seconds * rate);
        ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            pcm.putShort((short) (Math.sin(2 * Math.PI * hertz * i / rate) * 8000));
        }
        return wav(pcm.array(), rate, 1);
    }

    public static byte[] wav(byte[] pcm, int rate, int channels) {
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(36 + pcm.length).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels)
                .putInt(rate).putInt(rate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16)
                .put("data".getBytes()).putInt(pcm.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        out.writeBytes(pcm);
        return out.toByteArray();
    }

    public static Audio wavAudio() {
        return Audio.of(wav(0.2, 440), AudioFormat.WAV);
    }
}
