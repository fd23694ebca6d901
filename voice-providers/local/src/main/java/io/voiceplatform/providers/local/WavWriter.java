package io.voiceplatform.providers.local;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** A 16-bit mono PCM WAV file around the synthesized samples. */
final class WavWriter {
    private WavWriter() {
    }

    static byte[] write(Pcm16 pcm) {
        byte[] data = pcm.toLittleEndian();
        ByteBuffer out = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data.length).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(pcm.sampleRate()).putInt(pcm.sampleRate() * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return out.array();
    }
}
