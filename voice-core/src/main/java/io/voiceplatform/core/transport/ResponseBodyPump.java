package io.voiceplatform.core.transport;

import okhttp3.Call;
import okhttp3.Protocol;
import okhttp3.Response;
import okio.BufferedSource;

import javax.net.ssl.SSLSession;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Feeds an OkHttp answer to a JDK {@link HttpResponse.BodySubscriber} on the thread that made the call, reading
 * only as far as the subscriber has asked: a streamed body ({@code ofInputStream}) is read as its consumer
 * reads, and cancelling the subscription stops the exchange. The connection goes back to the pool before the
 * subscriber hears of the end, so whatever runs on completion never holds it.
 */
final class ResponseBodyPump implements Flow.Subscription {
    private static final int CHUNK = 16 * 1024;

    private final Response response;
    private final Call call;
    private long demand;
    private boolean cancelled;
    /** A request for zero or fewer items, which the Flow rules make an error. */
    private IllegalArgumentException misuse;

    private ResponseBodyPump(Response response, Call call) {
        this.response = response;
        this.call = call;
    }

    static <T> void deliver(HttpRequest request, Response response, Call call, HttpResponse.BodyHandler<T> handler,
                            CompletableFuture<HttpResponse<T>> result) {
        HttpHeaders headers = HttpHeaders.of(response.headers().toMultimap(), (name, value) -> true);
        HttpClient.Version version = response.protocol() == Protocol.HTTP_2 ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;
        ResponseBodyPump pump = new ResponseBodyPump(response, call);
        HttpResponse.BodySubscriber<T> subscriber;
        try {
            subscriber = handler.apply(new Info(response.code(), headers, version));
        } catch (RuntimeException e) {
            response.close();
            result.completeExceptionally(e);
            return;
        }
        subscriber.getBody().whenComplete((body, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(new Answer<>(response.code(), request, headers, body, version));
            }
        });
        subscriber.onSubscribe(pump);
        pump.run(subscriber);
    }

    private void run(HttpResponse.BodySubscriber<?> subscriber) {
        BufferedSource source = response.body().source();
        try {
            while (awaitDemand()) {
                if (source.exhausted()) {
                    response.close();
                    subscriber.onComplete();
                    return;
                }
                // What has arrived, up to a chunk, in an array of just that size: no spare chunk for the end.
                byte[] chunk = source.getBuffer().readByteArray(Math.min(CHUNK, source.getBuffer().size()));
                subscriber.onNext(List.of(ByteBuffer.wrap(chunk)));
            }
            response.close();
            if (misuse != null) {
                subscriber.onError(misuse);
            }
        } catch (IOException | InterruptedException e) {
            response.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            subscriber.onError(e);
        } catch (RuntimeException e) {
            response.close();
            subscriber.onError(e);
        }
    }

    /** Waits until the subscriber wants more; false once it has cancelled. */
    private synchronized boolean awaitDemand() throws InterruptedException {
        while (demand == 0 && !cancelled) {
            wait();
        }
        if (cancelled) {
            return false;
        }
        demand--;
        return true;
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            synchronized (this) {
                misuse = new IllegalArgumentException("a subscriber asked for " + n + " items");
            }
            cancel();
            return;
        }
        synchronized (this) {
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            notifyAll();
        }
    }

    @Override
    public void cancel() {
        synchronized (this) {
            cancelled = true;
            notifyAll();
        }
        call.cancel();
    }

    private record Info(int statusCode, HttpHeaders headers, HttpClient.Version version) implements HttpResponse.ResponseInfo {
    }

    private record Answer<T>(int statusCode, HttpRequest request, HttpHeaders headers, T body, HttpClient.Version version)
            implements HttpResponse<T> {
        @Override
        public Optional<HttpResponse<T>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }
    }
}
