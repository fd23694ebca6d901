package io.voiceplatform.tools.mock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class TestFaultProvider {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FaultProvider provider;

    @AfterEach
    void stop() {
        provider.close();
    }

    private HttpResponse<byte[]> speech(String fault, Duration timeout) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + provider.port() + "/v1/audio/speech"))
                .timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"hi\",\"voice\":\"alloy\",\"response_format\":\"wav\"}"));
        if (fault != null) {
            request.header(FaultProvider.FAULT_HEADER, fault);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void answersWithFixedAudioAfterTheLatency() throws Exception {
        provider = FaultProvider.start(new FaultPlan(Duration.ofMillis(100), Duration.ofMillis(100), 0, Fault.ERROR_500, 1), "127.0.0.1", 0);
        long start = System.nanoTime();
        HttpResponse<byte[]> response = speech(null, Duration.ofSeconds(10));
        assertTrue(System.nanoTime() - start >= 100_000_000L, "answered before its latency");
        assertEquals(200, response.statusCode());
        assertEquals("audio/wav", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(20_000, response.body().length);
        assertEquals(1, provider.speeches());
    }

    @Test
    void playsEachFaultOnRequest() throws Exception {
        provider = FaultProvider.start(FaultPlan.healthy(), "127.0.0.1", 0);
        assertEquals(500, speech("500", Duration.ofSeconds(10)).statusCode());
        assertEquals(503, speech("503", Duration.ofSeconds(10)).statusCode());
        HttpResponse<byte[]> limited = speech("429", Duration.ofSeconds(10));
        assertEquals(429, limited.statusCode());
        assertEquals("1", limited.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(401, speech("401", Duration.ofSeconds(10)).statusCode());
        assertEquals(0, speech("empty", Duration.ofSeconds(10)).body().length);
        assertEquals("text/html", speech("wrong-type", Duration.ofSeconds(10)).headers().firstValue("Content-Type").orElseThrow());
        assertTrue(new String(speech("malformed", Duration.ofSeconds(10)).body()).startsWith("{\"text\": \"unterminated"));
        assertThrows(IOException.class, () -> speech("reset", Duration.ofSeconds(10)));
        assertThrows(HttpTimeoutException.class, () -> speech("hang", Duration.ofMillis(300)));
        // The headers come at once; the body drips a byte a second, so it is far from complete after 1.5 s.
        var dripping = http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + provider.port() + "/v1/audio/speech"))
                .header(FaultProvider.FAULT_HEADER, "drip").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Thread.sleep(1500);
        assertTrue(!dripping.isDone(), "a dripping body arrived too fast");
        dripping.cancel(true);
        assertEquals(200, speech(null, Duration.ofSeconds(10)).statusCode(), "still serving after every fault");
    }

    @Test
    void failsTheConfiguredShareOfRequests() throws Exception {
        provider = FaultProvider.start(new FaultPlan(Duration.ZERO, Duration.ZERO, 0.5, Fault.ERROR_503, 1), "127.0.0.1", 0);
        int failed = 0;
        for (int i = 0; i < 200; i++) {
            failed += speech(null, Duration.ofSeconds(10)).statusCode() == 503 ? 1 : 0;
        }
        assertTrue(failed > 50 && failed < 150, "about half should fail, got " + failed);
    }

    @Test
    void answersTranscriptionsInJsonAndVerboseJson() throws Exception {
        provider = FaultProvider.start(FaultPlan.healthy(), "127.0.0.1", 0);
        String boundary = "xyz";
        String body = "--xyz\r\nContent-Disposition: form-data; name=\"response_format\"\r\n\r\nverbose_json\r\n--xyz--\r\n";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + provider.port()
                        + "/v1/audio/transcriptions")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.body().contains("\"segments\""), response.body());
    }
}
