package io.voiceplatform.performance.streaming;

import io.voiceplatform.api.SynthesizedSpeech;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The audio of pieces synthesized concurrently, read in text order: reading waits for the next piece only
 * when the ones before it are used up. A piece that failed ends the stream with an {@link IOException};
 * closing it cancels the pieces not yet done.
 */
final class PieceStream extends InputStream {
    private final List<CompletableFuture<SynthesizedSpeech>> pieces;
    private final long pieceTimeoutMillis;
    private int index;
    private byte[] current = new byte[0];
    private int position;
    private volatile boolean closed;

    PieceStream(List<CompletableFuture<SynthesizedSpeech>> pieces, long pieceTimeoutMillis) {
        this.pieces = pieces;
        this.pieceTimeoutMillis = pieceTimeoutMillis;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == current.length) {
            if (closed) {
                throw new IOException("stream closed");
            }
            if (index == pieces.size()) {
                return -1;
            }
            current = PieceAudio.bytes(next(pieces.get(index)).audio(), index == 0);
            index++;
            position = 0;
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return current.length - position;
    }

    private SynthesizedSpeech next(CompletableFuture<SynthesizedSpeech> piece) throws IOException {
        try {
            return piece.get(pieceTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for piece " + (index + 1));
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            close();
            throw new IOException("piece " + (index + 1) + " of " + pieces.size() + " failed: " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        } catch (TimeoutException e) {
            close();
            throw new IOException("piece " + (index + 1) + " of " + pieces.size() + " took longer than " + pieceTimeoutMillis + " ms", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        pieces.forEach(piece -> piece.cancel(true));
    }
}
