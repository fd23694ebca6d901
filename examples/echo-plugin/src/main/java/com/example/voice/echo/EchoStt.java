package com.example.voice.echo;

import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** "Hears" how much audio it was given: a deterministic transcript for tests. */
final class EchoStt implements SttProvider {
    @Override
    public String id() {
        return EchoPlugin.ID;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return ProviderCapabilities.builder().inputFormats(AudioFormat.WAV).models("echo-1").maxAudioBytes(10_000_000).build();
    }

    @Override
    public CompletionStage<Transcript> transcribe(TranscriptionRequest request) {
        String text = "echo heard " + request.audio().size() + " bytes of " + request.audio().format().id();
        return CompletableFuture.completedFuture(new Transcript(text, request.language(), OptionalDouble.empty(),
                Duration.ZERO, List.of(), List.of(), id(), "echo-1"));
    }

    @Override
    public void close() {
    }
}
