package io.voiceplatform.core.audio;

import io.voiceplatform.core.testing.TestingAudio;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TestWavData {
    @Test
    void countsTheSampleBytesThatArePresent() {
        byte[] wav = TestingAudio.wav(0.1, 300);
        assertEquals(wav.length - 44, WavData.sampleBytes(ByteBuffer.wrap(wav)));
        assertEquals(100, WavData.sampleBytes(ByteBuffer.wrap(Arrays.copyOf(wav, 144))), "a cut file holds what it holds");
        assertEquals(0, WavData.sampleBytes(ByteBuffer.wrap(Arrays.copyOf(wav, 44))));
    }

    @Test
    void aStreamingPlaceholderSizeCountsAsWhatFollows() {
        byte[] wav = TestingAudio.wav(0.1, 300);
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 0xFFFFFFFF);
        assertEquals(wav.length - 44, WavData.sampleBytes(ByteBuffer.wrap(wav)));
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 0);
        assertEquals(wav.length - 44, WavData.sampleBytes(ByteBuffer.wrap(wav)));
    }

    @Test
    void aChunkThatClaimsMoreThanTheFileEndsTheWalk() {
        byte[] wav = TestingAudio.wav(0.1, 300);
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 0x7FFFFFF0);
        assertEquals(0, WavData.sampleBytes(ByteBuffer.wrap(wav)));
        assertEquals(0, WavData.sampleBytes(ByteBuffer.wrap(new byte[7])));
    }
}
