package io.voiceplatform.providers.local;

import de.sciss.jump3r.lowlevel.LameEncoder;

import javax.sound.sampled.AudioFormat;
import java.io.ByteArrayOutputStream;

/** MP3 in pure Java (jump3r, a port of LAME): what OpenAI clients ask for when they name no format. */
final class Mp3Encoder {
    private static final int KBPS = 64;

    private Mp3Encoder() {
    }

    static byte[] encode(Pcm16 pcm) {
        AudioFormat source = new AudioFormat(pcm.sampleRate(), 16, 1, true, false);
        LameEncoder encoder = new LameEncoder(source, KBPS, LameEncoder.CHANNEL_MODE_MONO, LameEncoder.QUALITY_MIDDLE, false);
        try {
            byte[] input = pcm.toLittleEndian();
            byte[] buffer = new byte[encoder.getMP3BufferSize()];
            int chunk = encoder.getPCMBufferSize();
            ByteArrayOutputStream out = new ByteArrayOutputStream(input.length / 4);
            for (int offset = 0; offset < input.length; offset += chunk) {
                int written = encoder.encodeBuffer(input, offset, Math.min(chunk, input.length - offset), buffer);
                out.write(buffer, 0, written);
            }
            out.write(buffer, 0, encoder.encodeFinish(buffer));
            return out.toByteArray();
        } finally {
            encoder.close();
        }
    }
}
