package io.voiceplatform.benchmarks;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.TtsProvider;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A provider that answers at once with fixed results, so a benchmark measures only what surrounds it. */
final class MemoryProvider implements SttProvider, TtsProvider {
    private final CompletableFuture<Transcript> transcript = CompletableFuture.completedFuture(new Transcript("hello", "en-US",
            null, Duration.ofSeconds(3), List.of(), List.of(), "memory", "m"));
    private final CompletableFuture<SynthesizedSpeech> speech;

    MemoryProvider(byte[] wav) {
        speech = CompletableFuture.completedFuture(new SynthesizedSpeech(Audio.of(wav, AudioFormat.WAV), Duration.ofMillis(100), "memory"));
    }

    @Override
    public String id() {
        return "memory";
    }

    @Override
    public ProviderCapabilities capabilities() {
        return ProviderCapabilities.builder().inputFormats(AudioFormat.WAV).outputFormats(AudioFormat.WAV)
                .maxAudioBytes(26_214_400).maxTextChars(4096).build();
    }

    @Override
    public CompletionStage<Transcript> transcribe(TranscriptionRequest request) {
        return transcript;
    }

    @Override
    public CompletionStage<SynthesizedSpeech> synthesize(SpeechRequest request) {
        return speech;
    }

    @Override
    public void close() {
    }
}
