package io.voiceplatform.core.transport;

import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The network transport against a real local HTTP server: requests as written, answers as sent, limits as set. */
@Timeout(60)
class TestOkHttpTransport {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final MockWebServer server = new MockWebServer();
    private OkHttpTransport transport;

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getLoopbackAddress(), 0);
        transport = OkHttpTransport.create(Duration.ofSeconds(5), scheduler);
    }

    @AfterEach
    void stop() throws IOException {
        transport.close();
        server.shutdown();
        scheduler.shutdownNow();
    }

    @Test
    void sendsTheRequestAsWrittenAndHandsBackTheAnswerAsSent() throws Exception {
        byte[] audio = new byte[100_000];
        new Random(7).nextBytes(audio);
        byte[] answer = new byte[20_000];
        new Random(8).nextBytes(answer);
        server.enqueue(new MockResponse().setResponseCode(201).addHeader("X-Answer", "yes").setBody(new Buffer().write(answer)));
        HttpRequest request = HttpRequest.newBuilder(server.url("/v1/audio/transcriptions?x=1").uri())
                .header("Authorization", "Bearer sk-test")
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofByteArray(audio))
                .build();

        HttpResponse<byte[]> response = transport.send(request, HttpResponse.BodyHandlers.ofByteArray()).get(10, TimeUnit.SECONDS);

        RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("POST", recorded.getMethod());
        assertEquals("/v1/audio/transcriptions?x=1", recorded.getPath());
        assertEquals("Bearer sk-test", recorded.getHeader("Authorization"));
        assertEquals("multipart/form-data; boundary=b", recorded.getHeader("Content-Type"));
        assertEquals("100000", recorded.getHeader("Content-Length"));
        assertArrayEquals(audio, recorded.getBody().readByteArray());
        assertEquals(201, response.statusCode());
        assertEquals("yes", response.headers().firstValue("x-answer").orElseThrow());
        assertArrayEquals(answer, response.body());
        assertEquals(request.uri(), response.uri());
    }

    /** As the plugin guide says: asked for by default, and a gzipped answer reaches the plugin decompressed. */
    @Test
    void aGzippedAnswerArrivesDecompressed() throws Exception {
        Buffer gzipped = new Buffer();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(gzipped.outputStream())) {
            gzip.write("{\"text\":\"hello\"}".getBytes(StandardCharsets.UTF_8));
        }
        server.enqueue(new MockResponse().addHeader("Content-Encoding", "gzip").setBody(gzipped));

        HttpResponse<String> response = transport.send(post(), HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS);

        assertEquals("gzip", server.takeRequest(5, TimeUnit.SECONDS).getHeader("Accept-Encoding"));
        assertEquals("{\"text\":\"hello\"}", response.body());
    }

    @Test
    void aGetCarriesNoBodyAndAnErrorStatusIsAnAnswerNotAFailure() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(404).setBody("{\"error\":\"no such model\"}"));
        HttpResponse<String> response = transport.send(HttpRequest.newBuilder(server.url("/v1/models/x").uri()).GET().build(),
                HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS);

        RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("GET", recorded.getMethod());
        assertEquals(0, recorded.getBodySize());
        assertNull(recorded.getHeader("Content-Length"));
        assertEquals(404, response.statusCode());
        assertEquals("{\"error\":\"no such model\"}", response.body());
    }

    @Test
    void aStreamedBodyIsReadWholeThroughAnInputStream() throws Exception {
        byte[] speech = new byte[64 * 1024];
        new Random(9).nextBytes(speech);
        server.enqueue(new MockResponse().setBody(new Buffer().write(speech)).throttleBody(8 * 1024, 20, TimeUnit.MILLISECONDS));
        HttpResponse<InputStream> response = transport.send(post(), HttpResponse.BodyHandlers.ofInputStream())
                .get(10, TimeUnit.SECONDS);
        try (InputStream body = response.body()) {
            assertArrayEquals(speech, body.readAllBytes());
        }
    }

    @Test
    void closingAStreamEarlyHangsUpAndTheNextCallStillWorks() throws Exception {
        server.enqueue(new MockResponse().setBody(new Buffer().write(new byte[1 << 20])).throttleBody(1024, 50, TimeUnit.MILLISECONDS));
        server.enqueue(new MockResponse().setBody("next"));
        HttpResponse<InputStream> response = transport.send(post(), HttpResponse.BodyHandlers.ofInputStream())
                .get(10, TimeUnit.SECONDS);
        InputStream body = response.body();
        assertTrue(body.read(new byte[512]) > 0);
        body.close();
        assertEquals("next", transport.send(post(), HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS).body());
    }

    @Test
    void noHeadersWithinTheRequestTimeoutIsAnHttpTimeout() {
        server.enqueue(new MockResponse().setHeadersDelay(2, TimeUnit.SECONDS));
        HttpRequest request = HttpRequest.newBuilder(server.url("/slow").uri()).timeout(Duration.ofMillis(200))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build();

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> transport.send(request, HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS));
        assertInstanceOf(HttpTimeoutException.class, e.getCause());
    }

    @Test
    void cancellingTheFutureClosesTheConnection() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/never"))
                    .POST(HttpRequest.BodyPublishers.ofString("hello")).build();
            CompletableFuture<HttpResponse<String>> call = transport.send(request, HttpResponse.BodyHandlers.ofString());
            try (Socket accepted = silent.accept()) {
                accepted.setSoTimeout(10_000);
                InputStream in = accepted.getInputStream();
                String head = new String(in.readNBytes(4), StandardCharsets.US_ASCII);
                assertEquals("POST", head);
                call.cancel(true);
                byte[] rest = new byte[4096];
                int n;
                do {
                    n = in.read(rest);
                } while (n > 0);
                assertEquals(-1, n, "the transport hung up after the cancellation");
            }
        }
    }

    @Test
    void aRefusedConnectionFailsTheCall() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).GET().build();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> transport.send(request, HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS));
        assertInstanceOf(ConnectException.class, e.getCause());
    }

    /** The transport itself bounds nothing (OkHttp's asynchronous queue would run 5 per host): the platform's limits do. */
    @Test
    void fortyCallsToOneHostAreAllInFlightAtOnce() throws Exception {
        int calls = 40;
        CountDownLatch allArrived = new CountDownLatch(calls);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                allArrived.countDown();
                allArrived.await(10, TimeUnit.SECONDS);
                inFlight.decrementAndGet();
                return new MockResponse().setBody("ok");
            }
        });
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            sent.add(transport.send(post(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> call : sent) {
            assertEquals("ok", call.get(30, TimeUnit.SECONDS).body());
        }
        assertEquals(calls, peak.get());
    }

    private HttpRequest post() {
        return HttpRequest.newBuilder(server.url("/speech").uri()).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    }
}
