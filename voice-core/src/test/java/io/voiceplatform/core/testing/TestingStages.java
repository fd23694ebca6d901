package io.voiceplatform.core.testing;

import io.voiceplatform.core.pipeline.Coalesced;
import io.voiceplatform.core.pipeline.RequestCoalescer;
import io.voiceplatform.core.pipeline.Task;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Stage bindings for core's tests, told apart from the defaults by their descriptions. */
final class TestingStages {
    /** Makes every call, like the default, but reports itself active: proof of which binding ran. */
    static final RequestCoalescer SHARING_NOTHING = new RequestCoalescer() {
        @Override
        public <R> Coalesced<R> coalesce(Task<R> task, Supplier<CompletableFuture<R>> call) {
            return new Coalesced<>(call.get(), Coalesced.Sharing.NONE);
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("active", true, "binding", "testing");
        }
    };

    private TestingStages() {
    }
}
