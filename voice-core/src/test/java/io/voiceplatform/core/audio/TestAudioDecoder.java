package io.voiceplatform.core.audio;

import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.PcmFormat;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.core.testing.TestingAudioFiles;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class TestAudioDecoder {
    private static final PcmFormat SIXTEEN_K = PcmFormat.mono(16_000);
    private final AudioDecoder decoder = new AudioDecoder();

    /** Every format, rate, width and channel count of the samples decodes to the same speech: its length and loudness. */
    @TestFactory
    List<DynamicTest> everyFormatDecodesToTheSameSpeech() {
        Pcm reference = decoder.decode(TestingAudioFiles.bytes(TestingAudioFiles.helloWorld("wav-16k-s16-mono.wav")),
                Optional.of(SIXTEEN_K), () -> false);
        double referenceRms = rms(reference.samples());
        return TestingAudioFiles.helloWorld().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            byte[] bytes = TestingAudioFiles.bytes(file);
            Pcm pcm = decoder.decode(bytes, Optional.of(SIXTEEN_K), () -> false);
            assertEquals(SIXTEEN_K, pcm.format());
            // Lossy encoders add up to a few frames of delay and padding (mp3: 1152 samples at 16 kHz, 72 ms).
            assertEquals(reference.duration().toMillis(), pcm.duration().toMillis(), 120, "length of " + file);
            double ratio = rms(pcm.samples()) / referenceRms;
            // ffmpeg's mono-to-stereo upmix made mp3-44k-stereo 3.6 dB quieter than its source.
            assertTrue(ratio > 0.6 && ratio < 1.4, "loudness " + ratio + " of the reference for " + file);
            assertEquals(pcm.duration().toMillis(), decoder.duration(bytes).toMillis(), 120, "probed length of " + file);
        })).toList();
    }

    @Test
    void withoutATargetTheRecordingKeepsItsOwnRateAndChannels() {
        Pcm stereo = decoder.decode(TestingAudioFiles.bytes(TestingAudioFiles.helloWorld("wav-44k-s16-stereo.wav")), Optional.empty(), () -> false);
        assertEquals(new PcmFormat(44_100, 2), stereo.format());
        Pcm eightBit = decoder.decode(TestingAudioFiles.bytes(TestingAudioFiles.helloWorld("wav-8k-u8-mono.wav")), Optional.empty(), () -> false);
        assertEquals(PcmFormat.mono(8_000), eightBit.format());
    }

    @Test
    void aSixteenKiloHertzMonoWavComesOutSampleForSample() {
        Path file = TestingAudioFiles.helloWorld("wav-16k-s16-mono.wav");
        byte[] bytes = TestingAudioFiles.bytes(file);
        Pcm pcm = decoder.decode(bytes, Optional.of(SIXTEEN_K), () -> false);
        short[] expected = new short[(bytes.length - 44) / 2];
        java.nio.ByteBuffer.wrap(bytes, 44, expected.length * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(expected);
        assertArrayEquals(expected, pcm.samples());
    }

    @Test
    void whatIsNotAudioIsTheCallersFaultOnFile() {
        for (byte[] bad : List.of("just some text, not audio at all".getBytes(), new byte[]{'R', 'I', 'F', 'F'},
                Arrays.copyOf(TestingAudioFiles.bytes(TestingAudioFiles.helloWorld("mp3-44k-stereo.mp3")), 40))) {
            VoiceException e = assertThrows(VoiceException.class, () -> decoder.decode(bad, Optional.of(SIXTEEN_K), () -> false));
            assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
            assertEquals(Optional.of("file"), e.param());
            assertTrue(!e.getMessage().contains("Exception"), e.getMessage());
        }
    }

    @Test
    void aTruncatedFileDecodesUpToTheCut() {
        for (String name : List.of("mp3-44k-stereo.mp3", "flac-16k-s16.flac", "wav-22k-s16-mono.wav", "webm-48k-opus.webm")) {
            byte[] whole = TestingAudioFiles.bytes(TestingAudioFiles.helloWorld(name));
            Pcm full = decoder.decode(whole, Optional.of(SIXTEEN_K), () -> false);
            Pcm half = decoder.decode(Arrays.copyOf(whole, whole.length * 3 / 4), Optional.of(SIXTEEN_K), () -> false);
            assertTrue(half.frames() > full.frames() / 4 && half.frames() < full.frames(), name + ": " + half + " of " + full);
        }
    }

    /** FFmpeg needs the last Ogg page (the length) and an mp4 index (written last): cut, they are refused, as by ffmpeg itself. */
    @Test
    void aTruncatedOggOrMp4IsRefusedOnFile() {
        for (String name : List.of("ogg-48k-opus.ogg", "m4a-48k-aac.m4a")) {
            byte[] whole = TestingAudioFiles.bytes(TestingAudioFiles.helloWorld(name));
            VoiceException e = assertThrows(VoiceException.class,
                    () -> decoder.decode(Arrays.copyOf(whole, whole.length / 2), Optional.of(SIXTEEN_K), () -> false), name);
            assertEquals(Optional.of("file"), e.param());
        }
    }

    @Test
    void anAbandonedDecodeStops() {
        byte[] bytes = TestingAudioFiles.bytes(TestingAudioFiles.helloWorld("mp3-44k-stereo.mp3"));
        assertThrows(CancellationException.class, () -> decoder.decode(bytes, Optional.of(SIXTEEN_K), () -> true));
    }

    @Test
    void decodedOutputIsCapped() {
        byte[] bytes = TestingAudioFiles.bytes(TestingAudioFiles.helloWorld("ogg-48k-opus.ogg"));
        VoiceException e = assertThrows(VoiceException.class,
                () -> new AudioDecoder(1000).decode(bytes, Optional.of(SIXTEEN_K), () -> false));
        assertEquals(Optional.of("file"), e.param());
        assertTrue(e.getMessage().contains("too long"), e.getMessage());
    }

    @Test
    void aWavWhoseSizesClaimFourGigabytesLastsAsLongAsItsSamples() {
        byte[] wav = TestingAudioFiles.bytes(TestingAudioFiles.helloWorld("wav-16k-s16-mono.wav"));
        byte[] claiming = wav.clone();
        java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(claiming).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        header.putInt(4, 0xFFFFFFFF);
        header.putInt(40, 0xFFFFFFFF);
        Duration real = Duration.ofMillis((wav.length - 44) / 32);
        assertEquals(real.toMillis(), decoder.duration(claiming).toMillis(), 20);
        assertEquals(real.toMillis(), decoder.decode(claiming, Optional.of(SIXTEEN_K), () -> false).duration().toMillis(), 20);
    }

    static double rms(short[] samples) {
        double sum = 0;
        for (short s : samples) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / Math.max(1, samples.length));
    }
}
