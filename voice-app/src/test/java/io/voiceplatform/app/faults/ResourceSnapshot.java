package io.voiceplatform.app.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What this JVM holds at one moment: live threads, open file descriptors (from /proc, so Linux only; -1
 * elsewhere) and heap in use after a full collection.
 *
 * @param threads   live threads
 * @param fds       open file descriptors, or -1 where /proc/self/fd does not exist
 * @param heapBytes heap in use after System.gc()
 */
public record ResourceSnapshot(int threads, long fds, long heapBytes) {
    private static final Path FDS = Path.of("/proc/self/fd");

    public static ResourceSnapshot take() throws InterruptedException {
        // Several collections with pauses: finalizers and reference queues (closed sockets, cleaners) get to run.
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return new ResourceSnapshot(ManagementFactory.getThreadMXBean().getThreadCount(), openFds(),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    private static long openFds() {
        if (!Files.isDirectory(FDS)) {
            return -1;
        }
        try (Stream<Path> fds = Files.list(FDS)) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether this is within the given growth over a baseline. */
    public boolean within(ResourceSnapshot baseline, int moreThreads, long moreFds, long moreHeapBytes) {
        return threads <= baseline.threads + moreThreads && (fds < 0 || fds <= baseline.fds + moreFds)
                && heapBytes <= baseline.heapBytes + moreHeapBytes;
    }

    @Override
    public String toString() {
        return "threads " + threads + ", fds " + fds + ", heap " + (heapBytes >> 20) + " MB";
    }
}
