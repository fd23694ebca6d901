package io.voiceplatform.tools.mock;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The fault provider's fixed answers: about 20 KB of audio per format. WAV and PCM are a real tone;
 * the compressed formats are fixed bytes that start with their format's signature (the fault provider
 * stands in for a remote provider's transport, not for its encoder).
 */
final class FixedAudio {
    static final int SAMPLE_RATE = 16_000;
    private static final int BYTES = 20_000;
    private static final Map<String, String> MEDIA_TYPES = Map.of("mp3", "audio/mpeg", "opus", "audio/ogg",
            "aac", "audio/aac", "flac", "audio/flac", "wav", "audio/wav", "pcm", "audio/pcm");

    private final Map<String, byte[]> bodies;

    FixedAudio() {
        byte[] pcm = tone(BYTES - 44);
        bodies = Map.of(
                "pcm", pcm,
                "wav", wav(pcm),
                "mp3", signed(new byte[]{'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0}),
                "opus", signed("OggS\0\2".getBytes(StandardCharsets.ISO_8859_1)),
                "aac", signed(new byte[]{(byte) 0xFF, (byte) 0xF1, 0x50, (byte) 0x80}),
                "flac", signed("fLaC".getBytes(StandardCharsets.ISO_8859_1)));
    }

    byte[] body(String format) {
        return bodies.getOrDefault(format, bodies.get("mp3"));
    }

    static String mediaType(String format) {
        return MEDIA_TYPES.getOrDefault(format, "audio/mpeg");
    }

    static boolean known(String format) {
        return MEDIA_TYPES.containsKey(format);
    }

    private static byte[] tone(int bytes) {
        ByteBuffer out = ByteBuffer.allocate(bytes - bytes % 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; out.remaining() >= 2; i++) {
            out.putShort((short) (Math.sin(2 * Math.PI * 440 * i / SAMPLE_RATE) * 6000));
        }
        return out.array();
    }

    static byte[] wav(byte[] pcm) {
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + pcm.length).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(44 + pcm.length);
        out.writeBytes(header.array());
        out.writeBytes(pcm);
        return out.toByteArray();
    }

    private static byte[] signed(byte[] signature) {
        byte[] body = Arrays.copyOf(signature, BYTES);
        for (int i = signature.length; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        return body;
    }
}
