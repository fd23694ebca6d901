package io.voiceplatform.core.pipeline;

import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.Operation;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SpeechStream;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.core.audio.AudioConversion;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The path of every request, in order:
 * <ol>
 *   <li><b>admit</b> ({@link Admission}): take a slot, or refuse when the service is full;</li>
 *   <li><b>validate</b> ({@link RequestValidator}): limits, the real audio format, the default language;</li>
 *   <li><b>route</b> ({@link Router}, ordered by {@link ProviderOrder}): the providers that may serve it;</li>
 *   <li><b>result cache</b> ({@link ResultCache}): a hit answers at once;</li>
 *   <li><b>coalesce</b> ({@link RequestCoalescer}): an identical request in flight shares its call;</li>
 *   <li><b>provider chain</b> ({@link ProviderChain}): fallback, hedging ({@link HedgePolicy}), retries and
 *       circuit breakers ({@link io.voiceplatform.core.resilience.ProviderGuard});</li>
 *   <li><b>provider call</b> ({@link Task}): the plugin's own code; the result is then kept for reuse.</li>
 * </ol>
 * Everything after admission runs within the request's deadline and stops when the caller cancels; the
 * {@link RequestContext} records what each stage decided. Each stage is an interface bound by Guice: voice-core
 * binds defaults that do nothing special, the performance module binds its own. No stage checks a toggle.
 * Asynchronous after admission: no thread waits for a provider.
 */
public final class RequestPipeline {
    private final Admission admission;
    private final RequestValidator validator;
    private final Router router;
    private final ResultCache cache;
    private final RequestCoalescer coalescer;
    private final ProviderChain chain;
    private final SpeechStreaming streaming;
    private final RequestObserver observer;
    private final ScheduledExecutorService scheduler;
    private final Duration timeout;
    private final AudioConversion conversion;

    RequestPipeline(Admission admission, RequestValidator validator, Router router, ResultCache cache,
                    RequestCoalescer coalescer, ProviderChain chain, SpeechStreaming streaming, RequestObserver observer,
                    ScheduledExecutorService scheduler, Duration timeout, AudioConversion conversion) {
        this.admission = admission;
        this.validator = validator;
        this.router = router;
        this.cache = cache;
        this.coalescer = coalescer;
        this.chain = chain;
        this.streaming = streaming;
        this.observer = observer;
        this.scheduler = scheduler;
        this.timeout = timeout;
        this.conversion = conversion;
    }

    /** A new request's context, its deadline the configured processing timeout from now. */
    public RequestContext context(String requestId, String caller) {
        return new RequestContext(requestId, caller, timeout);
    }

    public CompletableFuture<Transcript> transcribe(TranscriptionRequest request, Routing routing, RequestContext context) {
        return run(new TranscriptionTask(request, routing), context);
    }

    public CompletableFuture<SynthesizedSpeech> synthesize(SpeechRequest request, Routing routing, RequestContext context) {
        return run(new SpeechTask(request, routing), context);
    }

    /** Whether callers get speech as it is produced ({@link #synthesizeStream}) rather than whole. */
    public boolean streamsSpeech() {
        return streaming.enabled();
    }

    /**
     * Speech as it is produced: the result is there with the first audio, so a provider that fails before that
     * is passed over like any other; after it, the stream ends early. A stream is never reused.
     */
    public CompletableFuture<SpeechStream> synthesizeStream(SpeechRequest request, Routing routing, RequestContext context) {
        return run(new SpeechStreamTask(request, routing, streaming), context);
    }

    private <R> CompletableFuture<R> run(Task<R> asked, RequestContext context) {
        Task<R> task;
        List<Candidate> candidates;
        try {
            admission.admit(asked.operation(), context);                  // 1. admit
            task = asked.validatedBy(validator, conversion);              // 2. validate
            candidates = router.route(task);                              // 3. route
            // A long recording on a provider whose time grows with it (an embedded engine) gets that time too.
            context.extend(chain.timeNeeded(task, candidates));
        } catch (VoiceException e) {
            return CompletableFuture.failedFuture(e);
        }
        long start = System.nanoTime();
        Outcome<R> outcome = new Outcome<>(context);
        cache.find(task).whenComplete((lookup, lookupError) -> {          // 4. result cache
            if (outcome.result.isDone()) {
                return;                                                   // given up while the cache was asked
            }
            if (lookupError != null) {
                outcome.result.completeExceptionally(lookupError);
                return;
            }
            context.decisions().cache(lookup.status());
            if (lookup.result().isPresent()) {
                outcome.result.complete(lookup.result().get());
                return;
            }
            Coalesced<R> shared = coalescer.coalesce(task, () ->          // 5. coalesce
                    kept(task, chain.run(task, candidates, context)));    // 6. provider chain, 7. provider call

            record(shared.sharing(), lookup.status(), context.decisions());
            outcome.follow(shared.result());
        });
        outcome.result.whenComplete((result, error) -> {
            if (!(unwrap(error) instanceof CancellationException)) {
                observer.finished(task.operation(), System.nanoTime() - start, error != null);
            }
        });
        return outcome.result;
    }

    /** The provider's result, kept in the cache before anyone hears of it; cancelling it cancels the call. */
    private <R> CompletableFuture<R> kept(Task<R> task, CompletableFuture<R> call) {
        return DerivedFuture.of(call, result -> {
            cache.store(task, result);
            return result;
        });
    }

    /** A request that joined another's call was served without a call of its own; one that led it could have been. */
    private static void record(Coalesced.Sharing sharing, CacheStatus lookedUp, Decisions decisions) {
        if (sharing == Coalesced.Sharing.JOINED) {
            decisions.coalesced();
            decisions.cache(CacheStatus.HIT);
        } else if (sharing == Coalesced.Sharing.FIRST && lookedUp == CacheStatus.BYPASS) {
            decisions.cache(CacheStatus.MISS);
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /**
     * The result handed to the caller, bound to the request's deadline and cancellation: when either comes
     * first, the work in flight for it is cancelled (a shared call only once every caller has given up).
     */
    private final class Outcome<R> {
        private final CompletableFuture<R> result = new CompletableFuture<>();
        private volatile CompletableFuture<R> work;

        Outcome(RequestContext context) {
            long nanos = context.remaining().toNanos();
            long limit = timeout.plus(context.extension()).toMillis();
            ScheduledFuture<?> deadline = scheduler.schedule(() -> result.completeExceptionally(new VoiceException(
                    ErrorKind.TIMEOUT, "no answer within the request's time limit of " + limit + " ms")),
                    Math.max(0, nanos), TimeUnit.NANOSECONDS);
            context.onCancel(() -> result.cancel(true));
            result.whenComplete((value, error) -> {
                deadline.cancel(false);
                CompletableFuture<R> running = work;
                if (error != null && running != null) {
                    running.cancel(true);
                }
            });
        }

        void follow(CompletableFuture<R> next) {
            work = next;
            next.whenComplete((value, error) -> {
                if (error == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(unwrap(error));
                }
            });
            if (result.isDone()) {
                next.cancel(true);                                        // given up while the call was set up
            }
        }
    }
}
