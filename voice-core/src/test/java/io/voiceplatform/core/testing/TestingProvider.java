package io.voiceplatform.core.testing;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.VoiceException;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory STT and TTS provider whose answers a test scripts: each call takes the next scripted
 * outcome (success, an error of a kind, or no answer at all), and the last one repeats.
 */
public final class TestingProvider implements SttProvider, TtsProvider {
    private final String id;
    private final ProviderCapabilities capabilities;
    private final Deque<Outcome> script = new ArrayDeque<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<CompletableFuture<?>> hanging = new CopyOnWriteArrayList<>();
    private final List<Runnable> releases = new CopyOnWriteArrayList<>();
    private final List<Object> requests = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public TestingProvider(String id) {
        this(id, ProviderCapabilities.builder()
                .inputFormats(AudioFormat.WAV, AudioFormat.MP3)
                .outputFormats(AudioFormat.WAV)
                .languages("en-US")
                .voices("alloy", "kevin16")
                .models(id + "-model")
                .maxAudioBytes(10_000_000)
                .maxTextChars(4096)
                .build());
    }

    public TestingProvider(String id, ProviderCapabilities capabilities) {
        this.id = id;
        this.capabilities = capabilities;
        script.add(Outcome.succeed());
    }

    /** Replaces the script: the outcomes are used in order, the last one for every later call. */
    public synchronized TestingProvider then(Outcome... outcomes) {
        script.clear();
        script.addAll(List.of(outcomes));
        return this;
    }

    public int calls() {
        return calls.get();
    }

    public List<Object> requests() {
        return requests;
    }

    public boolean closed() {
        return closed;
    }

    /** Calls that were left unanswered and then cancelled by the caller. */
    public long cancelledCalls() {
        return hanging.stream().filter(CompletableFuture::isCancelled).count();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public CompletionStage<Transcript> transcribe(TranscriptionRequest request) {
        requests.add(request);
        return answer(() -> new Transcript("hello from " + id, "en-US", OptionalDouble.of(0.9), Duration.ofMillis(200),
                List.of(), List.of(), id, request.modelHint().orElse(id + "-model")));
    }

    @Override
    public CompletionStage<SynthesizedSpeech> synthesize(SpeechRequest request) {
        requests.add(request);
        return answer(() -> new SynthesizedSpeech(Audio.of(TestingAudio.wav(0.1, 300), AudioFormat.WAV),
                Duration.ofMillis(100), id));
    }

    private synchronized Outcome next() {
        return script.size() > 1 ? script.poll() : script.peek();
    }

    private <T> CompletionStage<T> answer(java.util.function.Supplier<T> value) {
        calls.incrementAndGet();
        Outcome outcome = next();
        if (outcome.hangs()) {
            CompletableFuture<T> never = new CompletableFuture<>();
            hanging.add(never);
            releases.add(() -> never.complete(value.get()));
            return never;
        }
        if (outcome.error() != null) {
            return CompletableFuture.failedFuture(new VoiceException(outcome.error(), id + " says " + outcome.error(),
                    null, id, outcome.retryAfter(), null));
        }
        return CompletableFuture.completedFuture(value.get());
    }

    /** Answers every call left hanging so far with a success. */
    public void releaseHanging() {
        releases.forEach(Runnable::run);
    }

    @Override
    public void close() {
        closed = true;
    }

    /** One scripted answer. */
    public record Outcome(ErrorKind error, Duration retryAfter, boolean hangs) {
        public static Outcome succeed() {
            return new Outcome(null, null, false);
        }

        public static Outcome fail(ErrorKind kind) {
            return new Outcome(kind, null, false);
        }

        public static Outcome rateLimited(Duration retryAfter) {
            return new Outcome(ErrorKind.RATE_LIMITED, retryAfter, false);
        }

        public static Outcome hang() {
            return new Outcome(null, null, true);
        }
    }
}
