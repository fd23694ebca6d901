package io.voiceplatform.providers.local;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestPcm16 {
    private static Pcm16 sine(double hertz, int rate, double seconds) {
        short[] samples = new short[(int) (rate * seconds)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (Math.sin(2 * Math.PI * hertz * i / rate) * 10_000);
        }
        return new Pcm16(samples, rate);
    }

    private static int zeroCrossings(short[] s) {
        int n = 0;
        for (int i = 1; i < s.length; i++) {
            n += (s[i - 1] < 0) != (s[i] < 0) ? 1 : 0;
        }
        return n;
    }

    @Test
    void resamplingKeepsTheFrequency() {
        Pcm16 resampled = sine(1000, 44_100, 1.0).resample(16_000);
        assertEquals(16_000, resampled.sampleRate());
        assertEquals(16_000, resampled.samples().length, 1);
        int crossings = zeroCrossings(resampled.samples());
        assertTrue(Math.abs(crossings - 2000) <= 4, "a 1 kHz tone crosses zero 2000 times a second, got " + crossings);
    }

    @Test
    void downsamplingFiltersWhatTheNewRateCannotCarry() {
        Pcm16 resampled = sine(12_000, 48_000, 0.5).resample(16_000);
        double rms = 0;
        for (short s : resampled.samples()) {
            rms += (double) s * s;
        }
        rms = Math.sqrt(rms / resampled.samples().length);
        assertTrue(rms < 1500, "a 12 kHz tone must not alias into 16 kHz audio; rms " + rms);
    }
}
