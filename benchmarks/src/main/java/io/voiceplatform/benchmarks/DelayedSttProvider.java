package io.voiceplatform.benchmarks;

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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An STT provider that answers after a fixed delay, and every {@code slowEvery}-th call after a much longer
 * one: the latency tail that hedged requests are for. Answers come from a timer, so no thread waits.
 */
final class DelayedSttProvider implements SttProvider {
    private final String id;
    private final Duration usual;
    private final Duration slow;
    private final long slowEvery;
    private final ScheduledExecutorService timer;
    private final AtomicLong calls = new AtomicLong();

    DelayedSttProvider(String id, Duration usual, Duration slow, long slowEvery, ScheduledExecutorService timer) {
        this.id = id;
        this.usual = usual;
        this.slow = slow;
        this.slowEvery = slowEvery;
        this.timer = timer;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return ProviderCapabilities.builder().inputFormats(AudioFormat.WAV).models(id + "-model").maxAudioBytes(1 << 24).build();
    }

    @Override
    public CompletionStage<Transcript> transcribe(TranscriptionRequest request) {
        long n = calls.incrementAndGet();
        Duration delay = slowEvery > 0 && n % slowEvery == 0 ? slow : usual;
        CompletableFuture<Transcript> answer = new CompletableFuture<>();
        var pending = timer.schedule(() -> answer.complete(new Transcript("hello from " + id, "en", OptionalDouble.empty(),
                Duration.ofSeconds(1), List.of(), List.of(), id, id + "-model")), delay.toNanos(), TimeUnit.NANOSECONDS);
        answer.whenComplete((value, error) -> pending.cancel(false)); // a cancelled hedge loser stops here
        return answer;
    }

    @Override
    public void close() {
    }
}
