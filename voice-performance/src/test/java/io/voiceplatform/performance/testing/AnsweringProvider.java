package io.voiceplatform.performance.testing;

import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.TtsProvider;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A provider of any language and every format whose answers a test gives as functions (a function may return a
 * future that never completes, to leave a call hanging); it counts its calls and keeps what it returned.
 */
public final class AnsweringProvider implements SttProvider, TtsProvider {
    private final String id;
    private volatile Function<TranscriptionRequest, CompletableFuture<Transcript>> transcripts;
    private volatile Function<SpeechRequest, CompletableFuture<SynthesizedSpeech>> speech;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<CompletableFuture<?>> answers = new CopyOnWriteArrayList<>();

    public AnsweringProvider(String id, Function<TranscriptionRequest, CompletableFuture<Transcript>> transcripts,
                             Function<SpeechRequest, CompletableFuture<SynthesizedSpeech>> speech) {
        this.id = id;
        this.transcripts = transcripts;
        this.speech = speech;
    }

    /** Answers every transcription with {@code transcript} and every synthesis with {@code speech}. */
    public static AnsweringProvider always(Transcript transcript, SynthesizedSpeech speech) {
        return new AnsweringProvider(transcript.provider(), r -> CompletableFuture.completedFuture(transcript),
                r -> CompletableFuture.completedFuture(speech));
    }

    public AnsweringProvider transcribing(Function<TranscriptionRequest, CompletableFuture<Transcript>> answer) {
        this.transcripts = answer;
        return this;
    }

    public AnsweringProvider speaking(Function<SpeechRequest, CompletableFuture<SynthesizedSpeech>> answer) {
        this.speech = answer;
        return this;
    }

    public int calls() {
        return calls.get();
    }

    /** What each call returned, in order. */
    public List<CompletableFuture<?>> answers() {
        return answers;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return ProviderCapabilities.builder().inputFormats(AudioFormat.values()).outputFormats(AudioFormat.values())
                .maxAudioBytes(100_000_000).maxTextChars(100_000).build();
    }

    @Override
    public CompletionStage<Transcript> transcribe(TranscriptionRequest request) {
        return counted(transcripts.apply(request));
    }

    @Override
    public CompletionStage<SynthesizedSpeech> synthesize(SpeechRequest request) {
        return counted(speech.apply(request));
    }

    private <T> CompletableFuture<T> counted(CompletableFuture<T> answer) {
        calls.incrementAndGet();
        answers.add(answer);
        return answer;
    }

    @Override
    public void close() {
    }
}
