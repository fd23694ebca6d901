package io.voiceplatform.benchmarks;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.core.pipeline.Routing;
import io.voiceplatform.core.pipeline.TranscriptionTask;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Random;

/** A transcription's fingerprint, the key of its cache entry and of coalescing: a SHA-256 of every byte of the audio and every parameter. */
@State(Scope.Benchmark)
public class DigestBenchmark {
    @Param({"102400", "26214400"})
    public int bytes;

    private TranscriptionRequest request;

    @Setup
    public void setUp() {
        byte[] data = new byte[bytes];
        new Random(1).nextBytes(data);
        request = TranscriptionRequest.of(Audio.of(data, AudioFormat.WAV));
    }

    @Benchmark
    public String fingerprintWholeAudio() {
        return new TranscriptionTask(request, Routing.auto()).fingerprint();
    }
}
