package voicebench.trace;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds the entries recorded while recording is on: one per method or constructor entry of an instrumented class,
 * as (sequence, time, thread, class). The sequence number is global, so the entries of all threads merge in the
 * order they happened. Called from the advice inlined into every instrumented method, so it must stay small and
 * must never throw into the service.
 */
public final class Recorder {
    /** Read by every instrumented method on entry; nothing else is done while it is false. */
    public static volatile boolean on;

    /** Most entries kept between two dumps; past it entries are counted as dropped. */
    static final int MAX_ENTRIES = 5_000_000;

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final AtomicInteger SIZE = new AtomicInteger();
    private static final AtomicLong DROPPED = new AtomicLong();
    private static final ConcurrentLinkedQueue<Entry> ENTRIES = new ConcurrentLinkedQueue<>();

    private Recorder() {
    }

    private record Entry(long seq, long nanos, long threadId, String threadName, String type) {
    }

    /** Records one entry into a method or constructor of {@code type} on the current thread. */
    public static void enter(String type) {
        if (SIZE.incrementAndGet() > MAX_ENTRIES) {
            SIZE.decrementAndGet();
            DROPPED.incrementAndGet();
            return;
        }
        Thread t = Thread.currentThread();
        @SuppressWarnings("deprecation") long id = t.getId();
        ENTRIES.add(new Entry(SEQUENCE.incrementAndGet(), System.nanoTime(), id, t.getName(), type));
    }

    /**
     * Writes every entry recorded since the last dump to {@code file} (through a temporary file and a rename, so a
     * reader never sees half of it) and forgets them.
     */
    static void dump(Path file, String header) throws IOException {
        List<Entry> taken = new ArrayList<>();
        for (Entry e; (e = ENTRIES.poll()) != null; ) {
            taken.add(e);
        }
        SIZE.addAndGet(-taken.size());
        long dropped = DROPPED.getAndSet(0);
        taken.sort((a, b) -> Long.compare(a.seq, b.seq));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write("# " + header + " entries=" + taken.size() + " dropped=" + dropped + "\n");
            w.write("seq\tnanos\tthread_id\tthread\tclass\n");
            for (Entry e : taken) {
                w.write(e.seq + "\t" + e.nanos + "\t" + e.threadId + "\t" + clean(e.threadName) + "\t" + e.type + "\n");
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String clean(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
