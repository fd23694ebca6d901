package io.voiceplatform.performance.http;

import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.plugin.HttpTransport;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The shared HTTP transport of every provider plugin when the performance module is on: the platform's
 * network transport (pooled keep-alive connections) with at most N requests in flight overall and M per host. A request
 * over a limit waits without holding a thread, for at most the wait; then it fails as UNAVAILABLE, so the
 * orchestrator can try another provider.
 */
public final class LimitedHttpTransport implements HttpTransport {
    private final HttpTransport network;
    private final AsyncPermits total;
    private final int perHost;
    private final Duration maxWait;
    private final Map<String, AsyncPermits> hosts = new ConcurrentHashMap<>();

    public LimitedHttpTransport(HttpTransport network, int maxInFlight, int maxPerHost, Duration maxWait) {
        this.network = network;
        this.total = new AsyncPermits(maxInFlight);
        this.perHost = maxPerHost;
        this.maxWait = maxWait;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        AsyncPermits host = hosts.computeIfAbsent(request.uri().getHost() + ":" + request.uri().getPort(),
                h -> new AsyncPermits(perHost));
        CompletableFuture<HttpResponse<T>> result = new CompletableFuture<>();
        AtomicBoolean abandoned = new AtomicBoolean();
        AtomicReference<CompletableFuture<Void>> totalSlot = new AtomicReference<>();
        CompletableFuture<Void> hostSlot = host.acquire();
        CompletableFuture<Void> slots = hostSlot.thenCompose(ignored -> {
            CompletableFuture<Void> slot = total.acquire();
            totalSlot.set(slot);
            if (abandoned.get()) {
                giveBack(slot, total);
            }
            return slot;
        });
        slots.orTimeout(maxWait.toMillis(), TimeUnit.MILLISECONDS).whenComplete((ignored, waitFailed) -> {
            if (waitFailed != null || result.isDone()) {
                abandoned.set(true);
                giveBack(hostSlot, host);
                CompletableFuture<Void> slot = totalSlot.get();
                if (slot != null) {
                    giveBack(slot, total);
                }
                result.completeExceptionally(new VoiceException(ErrorKind.UNAVAILABLE, "too many provider requests in flight for "
                        + request.uri().getHost() + "; waited " + maxWait.toMillis() + " ms", null, null, null, waitFailed));
                return;
            }
            CompletableFuture<HttpResponse<T>> exchange = network.send(request, handler);
            exchange.whenComplete((response, error) -> {
                total.release();
                host.release();
                if (error == null) {
                    result.complete(response);
                } else {
                    result.completeExceptionally(error);
                }
            });
            result.whenComplete((value, error) -> {
                if (result.isCancelled()) {
                    exchange.cancel(true);
                }
            });
        });
        return result;
    }

    /** A slot whose waiter gave up: cancel the wait, or hand the permit back if it had already been granted. */
    private static void giveBack(CompletableFuture<Void> slot, AsyncPermits permits) {
        if (!slot.cancel(false) && !slot.isCompletedExceptionally()) {
            permits.release();
        }
    }

    int availableOverall() {
        return total.available();
    }
}
