package io.voiceplatform.core.pipeline;

import io.voiceplatform.api.Operation;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The default admission: at most {@code maxInFlight} requests of each operation at once; one more waits up to
 * {@code wait} for a slot, then is refused. Each operation has its own slots, so transcriptions piling up on a slow
 * engine never refuse speech (the fault drills saw one pool of 64 filled by STT within 5 s, and TTS, answered in
 * 80 ms, refused with it). Callers take a slot after reading the request, so a slow upload holds none.
 */
public final class InFlightAdmission implements Admission {
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final int maxInFlight;
    private final Duration wait;
    private final Map<Operation, Semaphore> slots = new EnumMap<>(Operation.class);

    public InFlightAdmission(int maxInFlight, Duration wait) {
        this.maxInFlight = maxInFlight;
        this.wait = wait;
        for (Operation operation : Operation.values()) {
            slots.put(operation, new Semaphore(maxInFlight));
        }
    }

    @Override
    public void admit(Operation operation, RequestContext context) {
        Semaphore pool = slots.get(operation);
        boolean admitted;
        try {
            admitted = pool.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            throw new AtCapacityException("The service is at capacity (" + maxInFlight + " " + operation.id()
                    + " requests in flight); try again shortly.", RETRY_AFTER);
        }
        context.hold(new Slot(pool));
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("active", true);
        out.put("max-in-flight", maxInFlight);
        slots.forEach((operation, pool) -> out.put("in-flight-" + operation.id(), maxInFlight - pool.availablePermits()));
        return out;
    }

    /** One slot of one operation's pool, given back once. */
    private static final class Slot implements AutoCloseable {
        private final Semaphore pool;
        private final AtomicBoolean released = new AtomicBoolean();

        Slot(Semaphore pool) {
            this.pool = pool;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                pool.release();
            }
        }

        @Override
        public String toString() {
            return "an admission slot";
        }
    }
}
