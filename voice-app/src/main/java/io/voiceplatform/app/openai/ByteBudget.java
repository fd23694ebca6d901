package io.voiceplatform.app.openai;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bytes of request bodies (and of whole answers) the service holds at once, across all requests. A request takes
 * its share before its body is read and gives it back when it ends; one that does not fit waits a little, then is
 * refused, so a burst of large uploads queues at the door instead of filling the heap.
 */
final class ByteBudget {
    private final long total;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private long available;

    ByteBudget(long total) {
        this.total = total;
        this.available = total;
    }

    /**
     * Takes {@code bytes} (at most the whole budget, so a request larger than it can still run alone), waiting up to
     * {@code wait} for them to be free; empty when they are not.
     */
    Optional<Hold> take(long bytes, Duration wait) {
        long share = Math.min(Math.max(bytes, 0), total);
        long deadline = System.nanoTime() + wait.toNanos();
        lock.lock();
        try {
            while (available < share) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                freed.awaitNanos(left);
            }
            available -= share;
            return Optional.of(new Hold(share));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    long total() {
        return total;
    }

    private void give(long bytes) {
        lock.lock();
        try {
            available += bytes;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void force(long bytes) {
        lock.lock();
        try {
            available -= bytes;
        } finally {
            lock.unlock();
        }
    }

    /** What one request holds; closing gives it all back, once. */
    final class Hold implements AutoCloseable {
        private final AtomicLong held;

        private Hold(long bytes) {
            this.held = new AtomicLong(bytes);
        }

        /**
         * Counts bytes already in memory (a whole answer) on top of the body's share, without waiting: they exist
         * whether or not they fit, and counting them makes the next requests wait until they are written.
         */
        void add(long bytes) {
            if (bytes > 0 && held.getAndUpdate(h -> h < 0 ? h : h + bytes) >= 0) {
                force(bytes);
            }
        }

        @Override
        public void close() {
            long bytes = held.getAndSet(-1);
            if (bytes > 0) {
                give(bytes);
            }
        }
    }
}
