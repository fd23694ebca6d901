package io.voiceplatform.providers.local;

import io.voiceplatform.api.VoiceException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TestWavCodec {
    private static byte[] wav(int channels, int rate, int bits, byte[] data, int riffSize, int dataSize) {
        ByteBuffer out = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes()).putInt(riffSize).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) channels).putInt(rate).putInt(rate * channels * bits / 8)
                .putShort((short) (channels * bits / 8)).putShort((short) bits).put("data".getBytes()).putInt(dataSize).put(data);
        return out.array();
    }

    @Test
    void roundTripsSixteenBitMono() {
        Pcm16 pcm = new Pcm16(new short[]{0, 1000, -1000, Short.MAX_VALUE, Short.MIN_VALUE}, 16_000);
        Pcm16 back = WavCodec.read(WavCodec.write(pcm));
        assertArrayEquals(pcm.samples(), back.samples());
        assertEquals(16_000, back.sampleRate());
    }

    @Test
    void toleratesStreamingPlaceholderSizes() {
        byte[] data = new byte[]{0x10, 0x00, 0x20, 0x00, 0x30, 0x00};
        Pcm16 espeak = WavCodec.read(wav(1, 22_050, 16, data, 0x7ffff024, 0x7ffff000));
        assertArrayEquals(new short[]{16, 32, 48}, espeak.samples());
        Pcm16 unknown = WavCodec.read(wav(1, 22_050, 16, data, -1, -1));
        assertEquals(3, unknown.samples().length);
    }

    @Test
    void mixesStereoDownAndWidensEightBit() {
        byte[] stereo = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 100).putShort((short) 300)
                .putShort((short) -100).putShort((short) -300).array();
        assertArrayEquals(new short[]{200, -200}, WavCodec.read(wav(2, 44_100, 16, stereo, 44, 8)).samples());
        byte[] eightBit = new byte[]{(byte) 128, (byte) 255, 0};
        assertArrayEquals(new short[]{0, 127 << 8, -128 << 8}, WavCodec.read(wav(1, 8_000, 8, eightBit, 39, 3)).samples());
    }

    @Test
    void refusesWhatIsNotAPcmWav() {
        assertThrows(VoiceException.class, () -> WavCodec.read("RIFF\0\0\0\0WAVE".getBytes()));
        assertThrows(VoiceException.class, () -> WavCodec.read(new byte[]{1, 2, 3}));
    }
}
