package io.voiceplatform.performance.streaming;

import io.voiceplatform.api.Language;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SpeechStream;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.core.pipeline.SpeechStreaming;
import io.voiceplatform.performance.config.PerformanceSettings;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Streams speech to callers: a provider that streams does so itself; for one that cannot, a text longer than the
 * split length is cut at sentence boundaries, at most {@code parallelPieces} pieces are synthesized at once, and
 * the audio goes out in text order as soon as the first piece is ready, instead of after the whole text.
 */
public final class SentenceStreaming implements SpeechStreaming {
    /** No piece may hold the stream up longer than this, whatever the provider's own limit. */
    static final long PIECE_TIMEOUT_MILLIS = 60_000;
    /** Three pieces at once keep a provider ahead of playback without flooding it with one caller's text. */
    static final int PARALLEL_PIECES = 3;

    private final SentenceSplitter splitter;
    private final int splitChars;
    private final int parallelPieces;

    @Inject
    public SentenceStreaming(PerformanceSettings settings) {
        this(settings.ttsStreaming().splitChars(), PARALLEL_PIECES);
    }

    SentenceStreaming(int splitChars, int parallelPieces) {
        this.splitter = new SentenceSplitter(splitChars);
        this.splitChars = splitChars;
        this.parallelPieces = Math.max(1, parallelPieces);
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("active", true, "split-chars", splitChars, "parallel-pieces", parallelPieces);
    }

    @Override
    public CompletionStage<SpeechStream> stream(TtsProvider provider, SpeechRequest request) {
        if (provider.capabilities().streaming() || request.text().length() <= splitChars
                || !PieceAudio.joinable(request.outputFormat())) {
            return provider.synthesizeStream(request);
        }
        List<String> texts = splitter.split(request.text(), locale(request.language())).stream()
                .filter(text -> !text.isBlank()).toList();
        List<CompletableFuture<SynthesizedSpeech>> pieces = start(provider, request, texts);
        PieceStream audio = new PieceStream(pieces, PIECE_TIMEOUT_MILLIS);
        CompletableFuture<SpeechStream> first = pieces.get(0).thenApply(piece -> new SpeechStream(request.outputFormat(), audio, provider.id()));
        first.whenComplete((stream, error) -> {
            if (error != null) {
                audio.close(); // the caller gets the error (and may fall back); nothing will read the rest
            }
        });
        return first;
    }

    /** Piece i starts when piece i - parallelPieces has ended, so at most that many run at once. */
    private List<CompletableFuture<SynthesizedSpeech>> start(TtsProvider provider, SpeechRequest request, List<String> texts) {
        List<CompletableFuture<SynthesizedSpeech>> pieces = new ArrayList<>();
        AtomicBoolean abandoned = new AtomicBoolean();
        for (int i = 0; i < texts.size(); i++) {
            SpeechRequest piece = request.withText(texts.get(i));
            CompletableFuture<SynthesizedSpeech> result = new CompletableFuture<>();
            result.whenComplete((value, error) -> {
                if (result.isCancelled()) {
                    abandoned.set(true);
                }
            });
            CompletableFuture<?> after = i < parallelPieces ? CompletableFuture.completedFuture(null) : pieces.get(i - parallelPieces);
            after.whenComplete((ignored, error) -> {
                if (abandoned.get() || result.isDone()) {
                    return;
                }
                CompletableFuture<SynthesizedSpeech> call = provider.synthesize(piece).toCompletableFuture();
                call.whenComplete((value, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(failure);
                    } else {
                        result.complete(value);
                    }
                });
                result.whenComplete((value, failure) -> {
                    if (result.isCancelled()) {
                        call.cancel(true);
                    }
                });
            });
            pieces.add(result);
        }
        return pieces;
    }

    private static Locale locale(String language) {
        return Language.AUTO.equals(language) ? Locale.ROOT : Locale.forLanguageTag(language);
    }
}
