package io.voiceplatform.app.server;

import io.voiceplatform.core.testing.TestingProvider;
import io.voiceplatform.core.testing.TestingProvider.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TTS streaming through the real HTTP service: a long text for a provider that cannot stream is split, and
 * the audio of the first piece reaches the caller while a later piece is still being synthesized.
 */
@Timeout(30)
class TestStreamedSpeech {
    private static final String LONG = "This sentence is one of several that make a long text. ".repeat(12);
    private static final String STREAMING = "voice.performance.enabled = true\nvoice.performance.tts.streaming-enabled = true\n";

    @TempDir
    Path workDir;
    private TestingService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void firstAudioArrivesWhileALaterPieceIsStillBeingMade() throws Exception {
        TestingProvider provider = new TestingProvider("p").then(Outcome.succeed(), Outcome.hang(), Outcome.succeed());
        service = new TestingService(workDir, Duration.ofSeconds(5), STREAMING, provider);

        HttpResponse<InputStream> response = service.client().send(speech(LONG), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertEquals("true", response.headers().firstValue("X-Voice-Streamed").orElse(""));
        assertEquals("audio/wav", response.headers().firstValue("Content-Type").orElse(""));
        InputStream body = response.body();
        byte[] header = body.readNBytes(44);
        assertEquals(0x7FFFF000, ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt(40), "a streaming WAV header");
        CompletableFuture<byte[]> rest = CompletableFuture.supplyAsync(() -> {
            try {
                return body.readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread.sleep(300);
        assertFalse(rest.isDone(), "the stream waits for the hanging second piece");

        provider.releaseHanging();
        byte[] samples = rest.get(10, TimeUnit.SECONDS);
        int pieces = provider.calls();
        assertTrue(pieces >= 3, "the text was split: " + pieces + " pieces");
        assertTrue(samples.length > 0 && samples.length % 2 == 0, "every piece's 16-bit samples follow");

        HttpResponse<String> next = service.send(speech("A short one."));
        assertEquals(200, next.statusCode(), "the service keeps serving");
    }

    @Test
    void aPieceThatFailsAfterTheHeadersBreaksTheBodyAndTheServiceGoesOn() throws Exception {
        TestingProvider provider = new TestingProvider("p").then(Outcome.succeed(), Outcome.fail(io.voiceplatform.api.ErrorKind.UNAVAILABLE),
                Outcome.succeed());
        service = new TestingService(workDir, Duration.ofSeconds(5), STREAMING, provider);
        HttpResponse<InputStream> response = service.client().send(speech(LONG), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode(), "the headers went out with the first piece");
        java.io.IOException broken = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> response.body().readAllBytes(), "a short body must not look complete");
        assertTrue(broken.getMessage() != null);
        assertEquals(200, service.send(speech("A short one.")).statusCode(), "the service keeps serving");
    }

    @Test
    void aCallerThatHangsUpMidStreamStopsThePiecesStillToCome() throws Exception {
        // Three pieces run at once, the next starting as one ends: every piece after the first hangs until released.
        TestingProvider provider = new TestingProvider("p").then(Outcome.succeed(), Outcome.hang());
        service = new TestingService(workDir, Duration.ofSeconds(5), STREAMING, provider);
        String json = "{\"input\":\"" + LONG.repeat(3) + "\",\"response_format\":\"wav\"}";
        try (java.net.Socket caller = new java.net.Socket("127.0.0.1", service.server.port())) {
            caller.setSoTimeout(10_000);
            caller.getOutputStream().write(("POST /v1/audio/speech HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + json.length() + "\r\n\r\n" + json).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String head = new String(caller.getInputStream().readNBytes(15), java.nio.charset.StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 200 OK", head, "the first piece's audio is on its way");
        }
        // The pieces started so far answer now; writing them finds the caller gone, which must stop the ones they let start.
        provider.releaseHanging();
        for (int i = 0; i < 100 && provider.cancelledCalls() == 0; i++) {
            Thread.sleep(50);
        }
        assertTrue(provider.cancelledCalls() > 0, "pieces still being made for a caller that left: " + provider.calls() + " calls");
        provider.then(Outcome.succeed());
        assertEquals(200, service.send(speech("A short one.")).statusCode(), "the service keeps serving");
    }

    @Test
    void withoutTheSwitchSpeechComesWhole() throws Exception {
        service = new TestingService(workDir, Duration.ofSeconds(5), "voice.performance.enabled = true\n", new TestingProvider("p"));
        HttpResponse<byte[]> response = service.client().send(speech(LONG), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("X-Voice-Streamed").isEmpty());
        assertTrue(response.headers().firstValue("Content-Length").isPresent(), "a whole body has a length");
    }

    private HttpRequest speech(String input) {
        return HttpRequest.newBuilder(service.uri("/v1/audio/speech")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"auto\",\"input\":\"" + input + "\",\"voice\":\"alloy\",\"response_format\":\"wav\"}"))
                .build();
    }
}
