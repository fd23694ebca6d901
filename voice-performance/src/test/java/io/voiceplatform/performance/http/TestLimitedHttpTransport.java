package io.voiceplatform.performance.http;

import com.sun.net.httpserver.HttpServer;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.plugin.HttpTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared provider transport never has more requests in flight than its limits allow. */
@Timeout(30)
class TestLimitedHttpTransport {
    private HttpServer server;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private volatile CountDownLatch release = new CountDownLatch(1);
    /** Stands in for the platform's network transport (voice-core's), which this module only wraps. */
    private final HttpTransport network = new HttpTransport() {
        private final HttpClient client = HttpClient.newHttpClient();

        @Override
        public <T> CompletableFuture<HttpResponse<T>> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            return client.sendAsync(request, handler);
        }
    };

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", exchange -> {
            peak.accumulateAndGet(active.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            active.decrementAndGet();
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes());
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private HttpRequest request() {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/x")).build();
    }

    @Test
    void neverMoreThanThePerHostLimitInFlight() throws Exception {
        LimitedHttpTransport transport = new LimitedHttpTransport(network, 100, 2, Duration.ofSeconds(10));
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(transport.send(request(), HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < 100 && active.get() < 2; i++) {
            Thread.sleep(10);
        }
        Thread.sleep(200);
        assertEquals(2, active.get(), "two in flight, the rest waiting");
        release.countDown();
        calls.forEach(c -> assertEquals("ok", c.join().body()));
        assertEquals(2, peak.get());
        assertEquals(100, transport.availableOverall(), "every permit came back");
    }

    @Test
    void aRequestThatWaitsTooLongFailsAsUnavailableAndLeaksNothing() throws Exception {
        LimitedHttpTransport transport = new LimitedHttpTransport(network, 1, 1, Duration.ofMillis(200));
        CompletableFuture<HttpResponse<String>> first = transport.send(request(), HttpResponse.BodyHandlers.ofString());
        CompletionException e = assertThrows(CompletionException.class,
                () -> transport.send(request(), HttpResponse.BodyHandlers.ofString()).join());
        VoiceException failure = assertInstanceOf(VoiceException.class, e.getCause());
        assertEquals(ErrorKind.UNAVAILABLE, failure.kind());
        assertTrue(failure.getMessage().contains("too many provider requests in flight"));
        release.countDown();
        assertEquals("ok", first.join().body());
        assertEquals("ok", transport.send(request(), HttpResponse.BodyHandlers.ofString()).join().body(), "the permit came back");
        assertEquals(1, transport.availableOverall());
    }
}
