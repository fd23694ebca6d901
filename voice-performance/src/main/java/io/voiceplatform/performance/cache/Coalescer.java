package io.voiceplatform.performance.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Concurrent identical requests share one call. Each caller gets its own future, so one caller's
 * cancellation does not take the answer away from the others; the shared call is cancelled only when every
 * caller has given up. A finished call, failed or not, is forgotten at once: a failure is never handed to
 * later requests.
 */
final class Coalescer<K, V> {
    private final ConcurrentHashMap<K, Shared<V>> inFlight = new ConcurrentHashMap<>();
    private final LongAdder joined = new LongAdder();
    private final Runnable onJoined;

    /** @param onJoined told each time a request is answered by another request's call */
    Coalescer(Runnable onJoined) {
        this.onJoined = onJoined;
    }

    /** This caller's share of the call for {@code key}: its own new call, or one already running. */
    Joined<V> call(K key, Supplier<? extends CompletionStage<V>> work) {
        while (true) {
            Shared<V> fresh = new Shared<>();
            Shared<V> shared = inFlight.putIfAbsent(key, fresh);
            if (shared == null) {
                CompletableFuture<V> mine = fresh.join();
                fresh.start(work);
                fresh.result.whenComplete((value, error) -> inFlight.remove(key, fresh));
                return new Joined<>(mine, true);
            }
            CompletableFuture<V> mine = shared.join();
            if (mine != null) {
                joined.increment();
                onJoined.run();
                return new Joined<>(mine, false);
            }
            // Every caller of the call we found gave up on it: start a new one.
            inFlight.remove(key, shared);
        }
    }

    /** Requests answered by another request's call. */
    long joinedCalls() {
        return joined.sum();
    }

    /**
     * @param result this caller's future of the shared answer
     * @param first  whether the call is this caller's own (others may join it)
     */
    record Joined<V>(CompletableFuture<V> result, boolean first) {
    }

    private static final class Shared<V> {
        private final CompletableFuture<V> result = new CompletableFuture<>();
        private final AtomicInteger callers = new AtomicInteger();
        private volatile CompletableFuture<V> call;

        void start(Supplier<? extends CompletionStage<V>> work) {
            try {
                call = work.get().toCompletableFuture();
            } catch (RuntimeException e) {
                call = CompletableFuture.failedFuture(e);
            }
            call.whenComplete((value, error) -> {
                if (error == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(error);
                }
            });
            if (callers.get() < 0) {
                call.cancel(true);
            }
        }

        /** A future of the shared answer for one more caller, or null once every caller gave the call up. */
        CompletableFuture<V> join() {
            int before;
            do {
                before = callers.get();
                if (before < 0) {
                    return null;
                }
            } while (!callers.compareAndSet(before, before + 1));
            CompletableFuture<V> mine = result.thenApply(value -> value);
            mine.whenComplete((value, error) -> {
                if (mine.isCancelled() && callers.decrementAndGet() == 0 && callers.compareAndSet(0, -1)) {
                    CompletableFuture<V> running = call;
                    if (running != null) {
                        running.cancel(true);
                    }
                    result.cancel(true);
                }
            });
            return mine;
        }
    }
}
