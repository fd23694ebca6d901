package io.voiceplatform.core.registry;

import io.voiceplatform.api.SpeechProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Closes providers, each on a daemon thread of its own, and waits for them at most the time limit in all.
 * A plugin's {@code close()} that hangs is abandoned with a warning: its daemon thread cannot keep the JVM
 * from exiting, and shutdown goes on.
 */
final class ProviderCloser {
    private static final Logger log = LoggerFactory.getLogger(ProviderCloser.class);

    private final Duration limit;

    ProviderCloser(Duration limit) {
        this.limit = limit;
    }

    void close(List<? extends SpeechProvider> providers) {
        long deadline = System.nanoTime() + limit.toNanos();
        List<Closing> closing = providers.stream().map(Closing::start).toList();
        for (Closing each : closing) {
            if (!each.awaitUntil(deadline)) {
                log.warn("provider {} did not close within {} ms; shutdown goes on without it", each.id(),
                        limit.toMillis());
            }
        }
    }

    private record Closing(String id, Thread thread) {
        static Closing start(SpeechProvider provider) {
            String id = provider.id();
            Thread thread = new Thread(() -> {
                try {
                    provider.close();
                } catch (RuntimeException | LinkageError e) {
                    log.warn("provider {} failed to close: {}", id, e.toString());
                }
            }, "voice-close-" + id);
            thread.setDaemon(true);
            thread.start();
            return new Closing(id, thread);
        }

        /** Whether the close finished by the deadline; an interrupted wait stops waiting. */
        boolean awaitUntil(long deadline) {
            try {
                TimeUnit.NANOSECONDS.timedJoin(thread, deadline - System.nanoTime());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return !thread.isAlive();
        }
    }
}
