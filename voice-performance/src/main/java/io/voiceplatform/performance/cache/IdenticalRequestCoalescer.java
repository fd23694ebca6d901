package io.voiceplatform.performance.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.voiceplatform.api.Operation;
import io.voiceplatform.core.pipeline.Coalesced;
import io.voiceplatform.core.pipeline.RequestCoalescer;
import io.voiceplatform.core.pipeline.Task;
import jakarta.inject.Inject;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Identical tasks in flight at once (same fingerprint) share one provider call, per operation; streams never do.
 * Counts {@code voice_coalesced_total{operation}}: requests answered by another request's call.
 */
public final class IdenticalRequestCoalescer implements RequestCoalescer {
    private final Map<Operation, Coalescer<String, Object>> calls = new EnumMap<>(Operation.class);

    @Inject
    public IdenticalRequestCoalescer(MeterRegistry meters) {
        for (Operation operation : Operation.values()) {
            Counter joined = Counter.builder("voice.coalesced").description("Requests answered by an identical request's call")
                    .tag("operation", operation.id()).register(meters);
            calls.put(operation, new Coalescer<>(joined::increment));
        }
    }

    @Override
    @SuppressWarnings("unchecked") // identical fingerprints are identical tasks, so the shared result is an R
    public <R> Coalesced<R> coalesce(Task<R> task, Supplier<CompletableFuture<R>> call) {
        if (!task.reusable()) {
            return new Coalesced<>(call.get(), Coalesced.Sharing.NONE);
        }
        Coalescer<String, Object> coalescer = calls.get(task.operation());
        Coalescer.Joined<Object> joined = coalescer.call(task.fingerprint(), () -> (CompletableFuture<Object>) (CompletableFuture<?>) call.get());
        return new Coalesced<>((CompletableFuture<R>) (CompletableFuture<?>) joined.result(),
                joined.first() ? Coalesced.Sharing.FIRST : Coalesced.Sharing.JOINED);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("active", true);
        calls.forEach((operation, coalescer) -> out.put("joined-" + operation.id(), coalescer.joinedCalls()));
        return out;
    }
}
