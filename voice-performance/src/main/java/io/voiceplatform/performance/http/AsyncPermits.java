package io.voiceplatform.performance.http;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

/**
 * A counting semaphore whose waiters hold no thread: {@link #acquire()} returns a future that completes when
 * a permit is free. A waiter that gives up (its future is cancelled or times out) is skipped.
 */
final class AsyncPermits {
    private final Deque<CompletableFuture<Void>> waiters = new ArrayDeque<>();
    private int available;

    AsyncPermits(int permits) {
        this.available = permits;
    }

    synchronized CompletableFuture<Void> acquire() {
        if (available > 0) {
            available--;
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        waiters.add(waiter);
        return waiter;
    }

    void release() {
        CompletableFuture<Void> next;
        synchronized (this) {
            do {
                next = waiters.poll();
            } while (next != null && next.isDone());
            if (next == null) {
                available++;
                return;
            }
        }
        if (!next.complete(null)) {
            release();
        }
    }

    synchronized int available() {
        return available;
    }
}
