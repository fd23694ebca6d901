package io.voiceplatform.providers.support;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TestPcmAudio {
    @Test
    void wrapsPcmInAWavHeaderThatSaysWhatItHolds() {
        Audio wav = PcmAudio.toWav(Audio.of(new byte[32_000], AudioFormat.PCM, 16_000, 1));
        ByteBuffer b = wav.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(44 + 32_000, wav.size());
        assertEquals(16_000, b.getInt(24), "sample rate");
        assertEquals(32_000, b.getInt(40), "data size");
        assertEquals(Duration.ofSeconds(1), PcmAudio.duration(wav));
    }

    @Test
    void convertsStereo48kToMono16kKeepingTheLengthAndTheSignal() {
        int frames = 48_000; // one second
        ByteBuffer pcm = ByteBuffer.allocate(frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            pcm.putShort((short) 1000).putShort((short) 3000); // left and right average to 2000
        }
        Audio mono = PcmAudio.toWav16kMono(PcmAudio.toWav(Audio.of(pcm.array(), AudioFormat.PCM, 48_000, 2)));
        ByteBuffer out = mono.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(44 + 32_000, mono.size(), "16,000 16-bit mono samples");
        assertEquals(1, out.getShort(22), "channels");
        assertEquals(16_000, out.getInt(24));
        assertEquals(2000, out.getShort(44 + 2 * 8000), "the channels are averaged");
    }

    @Test
    void refusesWhatIsNotSixteenBitWav() {
        assertThrows(IllegalArgumentException.class, () -> PcmAudio.toWav16kMono(Audio.of("not a wav file".getBytes(), AudioFormat.WAV)));
    }
}
