package io.voiceplatform.app.server;

import io.voiceplatform.app.badinput.RawHttp;
import io.voiceplatform.core.testing.TestingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients that connect and then send slowly, on the real service over raw sockets: headers dripped a byte at a time are
 * cut off at the header deadline, a body dripped below the least rate is cut off once its grace is over, and one
 * client address cannot hold more than its share of connections; meanwhile other clients are served. The read timeout
 * stays at 10 s and each byte resets it, so being cut off at all shows the deadline or the rate did it.
 */
@Timeout(120)
class TestSlowClients {
    private static final String MODELS = "GET /v1/models HTTP/1.1\r\nHost: localhost\r\n\r\n";
    private static final Duration DRIP = Duration.ofMillis(200);
    /** 20 s of dripping, twice the read timeout. */
    private static final int MAX_DRIPS = 100;

    private final TestingProvider provider = new TestingProvider("fake");
    private TestingService service;

    @TempDir
    Path workDir;

    /** @param maxInFlight the pipeline's slots, few so that a dripping body that held one would show */
    private void start(ConnectionLimits limits, int maxInFlight) {
        service = new TestingService(workDir, Duration.ofSeconds(5), "voice.limits.max-in-flight = " + maxInFlight + "\n",
                settings -> new ServerSettings(settings.host(), settings.port(), settings.api(), settings.readTimeout(),
                        settings.shutdownGrace(), false, limits), provider);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private HttpRequest speech() {
        return HttpRequest.newBuilder(service.uri("/v1/audio/speech")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"hi\",\"response_format\":\"wav\"}")).build();
    }

    /**
     * Sends one byte to each connection still open, every DRIP, until all are cut off; whether they were. Prints how
     * long that took, for docs/reliability.md.
     */
    private boolean dripUntilCut(String what, List<RawHttp> connections, Runnable meanwhile) throws Exception {
        long start = System.nanoTime();
        List<RawHttp> open = new ArrayList<>(connections);
        for (int i = 0; i < MAX_DRIPS && !open.isEmpty(); i++) {
            Thread.sleep(DRIP.toMillis());
            open.removeIf(connection -> {
                try {
                    connection.send(" ");
                    return false;
                } catch (IOException closed) {
                    return true;
                }
            });
            if (i == 3) {
                meanwhile.run();
            }
        }
        System.out.printf("%s: %d of %d connections cut off after %d ms%n", what, connections.size() - open.size(),
                connections.size(), Duration.ofNanos(System.nanoTime() - start).toMillis());
        return open.isEmpty();
    }

    private void servedMeanwhile() {
        try {
            assertEquals(200, service.get("/v1/models").statusCode());
            for (int i = 0; i < 3; i++) {
                assertEquals(200, service.send(speech()).statusCode());
            }
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("a good client was not served while others dripped", e);
        }
    }

    @Test
    void connectionsDrippingTheirHeadersAreClosedAtTheHeaderDeadline() throws Exception {
        start(new ConnectionLimits(Duration.ofSeconds(1), 0, 0), 64);
        List<RawHttp> drippers = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                drippers.add(new RawHttp(service.server.port()).send("POST /v1/audio/speech HTTP/1.1\r\nHost: localhost\r\nX-Slow: "));
            }
            assertTrue(dripUntilCut("header drip (deadline 1 s)", drippers, this::servedMeanwhile), "a connection dripping its headers was held past the deadline");
        } finally {
            for (RawHttp dripper : drippers) {
                dripper.close();
            }
        }
        assertEquals(200, service.get("/v1/models").statusCode());
    }

    @Test
    void bodiesDrippedBelowTheLeastRateAreCutOffWithoutHoldingInFlightSlots() throws Exception {
        start(new ConnectionLimits(Duration.ofSeconds(1), 1024, 0), 2);
        List<RawHttp> drippers = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                drippers.add(new RawHttp(service.server.port()).send("POST /v1/audio/speech HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"input\":\"hi\""));
            }
            assertTrue(dripUntilCut("body drip (1 KiB/s after 1 s)", drippers, this::servedMeanwhile), "a body dripped below the least rate was held");
            for (RawHttp dripper : drippers) {
                // Answered 408 before the close, unless the close's reset overtook the answer.
                Optional<RawHttp.Response> answer = dripper.read(Duration.ofSeconds(5));
                answer.ifPresent(response -> assertEquals(408, response.status(), response.body()));
            }
        } finally {
            for (RawHttp dripper : drippers) {
                dripper.close();
            }
        }
        assertEquals(200, service.send(speech()).statusCode());
    }

    @Test
    void oneClientAddressHoldsAtMostItsShareOfConnections() throws Exception {
        start(new ConnectionLimits(Duration.ofSeconds(5), 0, 4), 64);
        List<RawHttp> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                held.add(new RawHttp(service.server.port()));
            }
            try (RawHttp extra = new RawHttp(service.server.port())) {
                assertTrue(extra.closedWithin(Duration.ofSeconds(4)), "a fifth connection from one address was kept");
            }
            try (RawHttp other = new RawHttp(service.server.port(), "127.0.0.2")) {
                assertEquals(200, other.send(MODELS).read(Duration.ofSeconds(10)).orElseThrow().status(), "another client was refused");
            }
            // The four are still open: the fifth was closed for the cap, not by the header deadline.
            assertEquals(200, held.get(0).send(MODELS).read(Duration.ofSeconds(10)).orElseThrow().status());
        } finally {
            for (RawHttp connection : held) {
                connection.close();
            }
        }
        int status = 0;
        for (int i = 0; i < 40 && status != 200; i++) {
            try (RawHttp again = new RawHttp(service.server.port())) {
                status = again.send(MODELS).read(Duration.ofSeconds(10)).map(RawHttp.Response::status).orElse(0);
            } catch (IOException closed) {
                status = 0;
            }
            if (status != 200) {
                Thread.sleep(100);
            }
        }
        assertEquals(200, status, "the client's closed connections were not given back");
    }
}
