package io.voiceplatform.benchmarks;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.performance.cache.AudioDigest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Random;

/** The STT cache key: a SHA-256 of every byte of the audio. */
@State(Scope.Benchmark)
public class DigestBenchmark {
    @Param({"102400", "26214400"})
    public int bytes;

    private Audio audio;

    @Setup
    public void setUp() {
        byte[] data = new byte[bytes];
        new Random(1).nextBytes(data);
        audio = Audio.of(data, AudioFormat.WAV);
    }

    @Benchmark
    public String digestWholeAudio() {
        return AudioDigest.of(audio);
    }
}
