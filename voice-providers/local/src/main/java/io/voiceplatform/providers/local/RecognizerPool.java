package io.voiceplatform.providers.local;

import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.VoiceException;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Sphinx4 recognizers, one per engine thread (Sphinx4 is not thread-safe), each loading the model on its first
 * piece. Pieces of every request queue for the threads in order. An engine failure is caught with its piece and
 * answered as a provider error that names no Java class; that thread's recognizer is then made anew.
 */
final class RecognizerPool implements AutoCloseable {
    private final String grammar;
    private final int size;
    private final ExecutorService engines;
    private final ThreadLocal<SphinxRecognizer> own = new ThreadLocal<>();
    private volatile String loadFailure;

    RecognizerPool(String grammar, int size) {
        this.grammar = grammar;
        this.size = size;
        AtomicInteger count = new AtomicInteger();
        this.engines = Executors.newFixedThreadPool(size, runnable -> {
            Thread thread = new Thread(runnable, "voice-local-stt-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    int size() {
        return size;
    }

    /** The model failed to load, or empty. */
    String loadFailure() {
        return loadFailure;
    }

    /** Recognizes one piece on the next free engine thread; nothing runs once {@code cancelled} says so. */
    CompletableFuture<List<SphinxRecognizer.Utterance>> recognize(SpeechPieces.Piece piece, BooleanSupplier cancelled) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("abandoned before it started");
                }
                SphinxRecognizer recognizer = recognizer();
                try {
                    List<SphinxRecognizer.Utterance> utterances = recognizer.recognize(piece.audio(), piece.startSeconds(), cancelled);
                    if (cancelled.getAsBoolean()) {
                        // Cut off mid-stream, Sphinx4 keeps state that leaves every later recognition empty: start afresh.
                        own.remove();
                        throw new CancellationException("abandoned");
                    }
                    return utterances;
                } catch (RuntimeException | StackOverflowError e) {
                    if (e instanceof CancellationException) {
                        throw e;
                    }
                    own.remove();
                    throw VoiceException.of(ErrorKind.PROVIDER_ERROR, LocalProviderPlugin.ID, String.format(
                            "the embedded recognizer failed on this recording (at %.1f s)", piece.startSeconds()), e);
                }
            }, engines);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(VoiceException.of(ErrorKind.UNAVAILABLE, LocalProviderPlugin.ID, "the provider is closed", e));
        }
    }

    /** This engine thread's recognizer, loaded on first use. */
    private SphinxRecognizer recognizer() {
        SphinxRecognizer recognizer = own.get();
        if (recognizer == null) {
            try {
                recognizer = new SphinxRecognizer(grammar);
            } catch (RuntimeException e) {
                loadFailure = "the Sphinx4 model failed to load: " + e.getMessage();
                throw VoiceException.of(ErrorKind.UNAVAILABLE, LocalProviderPlugin.ID, loadFailure, e);
            }
            own.set(recognizer);
        }
        return recognizer;
    }

    @Override
    public void close() {
        EngineThread.stop(engines);
    }
}
