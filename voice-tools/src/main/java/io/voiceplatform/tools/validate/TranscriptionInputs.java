package io.voiceplatform.tools.validate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The audio uploaded for transcription: short sentences spoken by the service itself ({@code POST
 * /v1/audio/speech}, WAV), made before the load starts and not counted in it. When the service cannot speak,
 * a generated tone is uploaded instead and the report says so.
 */
final class TranscriptionInputs {
    static final List<String> SENTENCES = List.of("hello world", "open the door", "one two three");
    private static final int TONE_RATE = 16_000;

    private TranscriptionInputs() {
    }

    /** @param notes where the report's notes go; gets one line when the fallback tone is used */
    static List<byte[]> prepare(ServiceClient client, List<String> notes) throws InterruptedException {
        List<byte[]> wavs = new ArrayList<>();
        String problem = null;
        for (String sentence : SENTENCES) {
            try {
                byte[] wav = client.synthesizeWav(sentence);
                WavPadding.withSilence(wav, 1);
                wavs.add(wav);
            } catch (IOException e) {
                problem = e.getMessage();
            } catch (IllegalArgumentException e) {
                problem = "the WAV it spoke cannot be padded: " + e.getMessage();
            }
        }
        if (wavs.isEmpty()) {
            notes.add("The service could not speak the transcription inputs (" + problem + "); a generated 1 s tone"
                    + " (16 kHz WAV) was uploaded for transcription instead.");
            wavs.add(tone());
        }
        return wavs;
    }

    /** One second of a 440 Hz tone, 16-bit mono PCM. */
    static byte[] tone() {
        ByteBuffer pcm = ByteBuffer.allocate(TONE_RATE * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; pcm.remaining() >= 2; i++) {
            pcm.putShort((short) (Math.sin(2 * Math.PI * 440 * i / TONE_RATE) * 6000));
        }
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + pcm.capacity()).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(TONE_RATE).putInt(TONE_RATE * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm.capacity());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        out.writeBytes(pcm.array());
        return out.toByteArray();
    }
}
