package io.voiceplatform.providers.local;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The one thread an embedded engine runs on: neither Sphinx4 nor FreeTTS is thread-safe, and callers
 * must never wait on them.
 */
final class EngineThread {
    private EngineThread() {
    }

    static ExecutorService named(String name) {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Lets queued work (such as releasing the engine) finish, briefly; then stops whatever still runs. */
    static void stop(ExecutorService executor) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
