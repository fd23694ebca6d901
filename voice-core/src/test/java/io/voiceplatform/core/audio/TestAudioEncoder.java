package io.voiceplatform.core.audio;

import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.PcmFormat;
import io.voiceplatform.core.testing.TestingAudioFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class TestAudioEncoder {
    private final AudioDecoder decoder = new AudioDecoder();
    private final AudioEncoder encoder = new AudioEncoder();
    private final PcmResampler resampler = new PcmResampler();

    @Test
    void speechEncodesIntoEveryFormatAndDecodesBackToTheSameLengthAndLoudness() {
        Pcm speech = decoder.decode(TestingAudioFiles.bytes(TestingAudioFiles.helloWorld("wav-16k-s16-mono.wav")),
                Optional.empty(), () -> false);
        for (AudioFormat format : AudioEncoder.formats()) {
            byte[] encoded = encoder.encode(speech, format);
            byte[] head = Arrays.copyOf(encoded, Math.min(encoded.length, AudioFormatDetector.HEAD_BYTES));
            assertEquals(Optional.of(format), AudioFormatDetector.detect(head), format + " is what it says");
            Pcm back = decoder.decode(encoded, Optional.of(speech.format()), () -> false);
            // ADTS cannot say how many priming and padding samples AAC added: up to two 1024-sample frames (128 ms).
            assertEquals(speech.duration().toMillis(), back.duration().toMillis(), format == AudioFormat.AAC ? 160 : 120, format.id());
            double ratio = TestAudioDecoder.rms(back.samples()) / TestAudioDecoder.rms(speech.samples());
            assertTrue(ratio > 0.7 && ratio < 1.4, format.id() + " loudness ratio " + ratio);
        }
    }

    @Test
    void resamplingKeepsTheLengthAndMixesStereoDown() {
        Pcm stereo = decoder.decode(TestingAudioFiles.bytes(TestingAudioFiles.helloWorld("wav-44k-s16-stereo.wav")),
                Optional.empty(), () -> false);
        Pcm mono = resampler.resample(stereo, PcmFormat.mono(24_000));
        assertEquals(PcmFormat.mono(24_000), mono.format());
        assertEquals(stereo.duration().toMillis(), mono.duration().toMillis(), 5);
        double ratio = TestAudioDecoder.rms(mono.samples()) / TestAudioDecoder.rms(stereo.samples());
        assertTrue(ratio > 0.8 && ratio < 1.2, "loudness ratio " + ratio);
    }
}
