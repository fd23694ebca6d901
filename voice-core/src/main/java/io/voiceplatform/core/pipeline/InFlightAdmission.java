package io.voiceplatform.core.pipeline;

import io.voiceplatform.api.Operation;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The default admission: at most {@code maxInFlight} requests at once; one more waits up to {@code wait} for a
 * slot, then is refused. Callers take it after reading the request, so a slow upload holds no slot.
 */
public final class InFlightAdmission implements Admission {
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final int maxInFlight;
    private final Duration wait;
    private final Semaphore slots;

    public InFlightAdmission(int maxInFlight, Duration wait) {
        this.maxInFlight = maxInFlight;
        this.wait = wait;
        this.slots = new Semaphore(maxInFlight);
    }

    @Override
    public void admit(Operation operation, RequestContext context) {
        boolean admitted;
        try {
            admitted = slots.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            throw new AtCapacityException("The service is at capacity (" + maxInFlight + " requests in flight); try again shortly.",
                    RETRY_AFTER);
        }
        context.hold(new Slot());
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("active", true);
        out.put("max-in-flight", maxInFlight);
        out.put("in-flight", maxInFlight - slots.availablePermits());
        return out;
    }

    /** One slot, given back once. */
    private final class Slot implements AutoCloseable {
        private final AtomicBoolean released = new AtomicBoolean();

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                slots.release();
            }
        }

        @Override
        public String toString() {
            return "an admission slot";
        }
    }
}
