package io.voiceplatform.core.transport;

import io.voiceplatform.api.plugin.HttpTransport;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The network transport of provider plugins: one OkHttp client whose keep-alive connections all providers
 * share. An exchange runs on one of the transport's threads from the first byte sent to the last byte read,
 * with blocking I/O, and the plugin's body handler is fed on that thread: one thread hand-off per call. How
 * many run at once is for the platform's limits to say (callers in flight, the performance module's
 * connection limits); the threads are not limited, as OkHttp's own queue (5 per host) would be. The JDK
 * client it replaced took three (its selector, its worker, then the common pool), and on a 2-core machine
 * the last of those started a new thread for every call.
 *
 * <p>The plugin's {@link HttpRequest#timeout()} bounds the wait for the answer's headers, as in the JDK
 * client ({@link HttpTimeoutException}); reading the body is bounded by the caller (the orchestrator's
 * attempt timeout cancels the returned future, and cancelling stops the exchange).
 */
public final class OkHttpTransport implements HttpTransport, AutoCloseable {
    /** Idle connections kept per client: enough for the in-flight limits of the performance levels. */
    private static final int IDLE_CONNECTIONS = 256;
    private static final Duration KEEP_ALIVE = Duration.ofMinutes(1);
    private static final Duration IDLE_THREAD = Duration.ofSeconds(30);

    private final OkHttpClient client;
    private final ExecutorService calls;
    private final ScheduledExecutorService scheduler;

    private OkHttpTransport(OkHttpClient client, ExecutorService calls, ScheduledExecutorService scheduler) {
        this.client = client;
        this.calls = calls;
        this.scheduler = scheduler;
    }

    /** @param scheduler times the requests' {@link HttpRequest#timeout()} */
    public static OkHttpTransport create(Duration connectTimeout, ScheduledExecutorService scheduler) {
        OkHttpClient client = new OkHttpClient.Builder()
                .socketFactory(new NoDelaySocketFactory())
                .connectionPool(new ConnectionPool(IDLE_CONNECTIONS, KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS))
                .connectTimeout(connectTimeout)
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
        return new OkHttpTransport(client, threads(), scheduler);
    }

    @Override
    public HttpTransport withConnectTimeout(Duration timeout) {
        return new OkHttpTransport(client.newBuilder().connectTimeout(timeout).build(), calls, scheduler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        Call call = client.newCall(toOkHttp(request));
        CompletableFuture<HttpResponse<T>> result = new CompletableFuture<>();
        ScheduledFuture<?> headersDeadline = request.timeout().map(limit -> scheduler.schedule(() -> {
            if (result.completeExceptionally(new HttpTimeoutException("no answer within " + limit.toMillis() + " ms"))) {
                call.cancel();
            }
        }, limit.toMillis(), TimeUnit.MILLISECONDS)).orElse(null);
        result.whenComplete((response, error) -> {
            if (result.isCancelled()) {
                call.cancel();
            }
        });
        try {
            calls.execute(() -> exchange(request, call, handler, result, headersDeadline));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IOException("the HTTP transport is closed", e));
        }
        return result;
    }

    /** Runs on one of the transport's threads: the whole exchange, blocking. */
    private static <T> void exchange(HttpRequest request, Call call, HttpResponse.BodyHandler<T> handler,
                                     CompletableFuture<HttpResponse<T>> result, ScheduledFuture<?> headersDeadline) {
        Response response;
        try {
            response = call.execute();
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(e);
            return;
        } finally {
            if (headersDeadline != null) {
                headersDeadline.cancel(false);
            }
        }
        if (result.isDone()) {
            response.close();
            return;
        }
        ResponseBodyPump.deliver(request, response, call, handler, result);
    }

    /** Stops the transport's idle threads and closes its idle connections; calls in flight finish. */
    @Override
    public void close() {
        calls.shutdown();
        client.connectionPool().evictAll();
    }

    private static Request toOkHttp(HttpRequest request) {
        Headers.Builder headers = new Headers.Builder();
        request.headers().map().forEach((name, values) -> values.forEach(value -> headers.add(name, value)));
        String method = request.method();
        // OkHttp refuses a body on GET and HEAD, and wants one (if empty) on every other method.
        PublishedBody body = "GET".equals(method) || "HEAD".equals(method) ? null
                : new PublishedBody(request.bodyPublisher().orElseGet(HttpRequest.BodyPublishers::noBody));
        return new Request.Builder().url(request.uri().toString()).headers(headers.build()).method(method, body).build();
    }

    private static ExecutorService threads() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_THREAD.toMillis(), TimeUnit.MILLISECONDS,
                new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "voice-provider-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
