package io.voiceplatform.providers.support;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TestMultipartForm {
    @Test
    void publishesTheFormAsOneBodyOfTheDeclaredLength() throws Exception {
        byte[] audio = {0, 1, 2, (byte) 0xff, '\r', '\n'};
        MultipartForm form = new MultipartForm().file("file", "audio.wav", "audio/wav", ByteBuffer.wrap(audio)).field("model", "whisper-1");
        String boundary = form.contentType().substring("multipart/form-data; boundary=".length());

        HttpRequest.BodyPublisher publisher = form.publisher();
        byte[] body = published(publisher);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"audio.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        expected.writeBytes(audio);
        expected.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n--"
                + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(expected.toByteArray(), body);
        assertEquals(body.length, publisher.contentLength(), "a known length: no chunked encoding");
        assertArrayEquals(body, published(publisher), "published again the same (a retried request)");
        assertArrayEquals(body, published(publisher, 1), "the same when asked for one buffer at a time");
    }

    private static byte[] published(HttpRequest.BodyPublisher publisher) throws Exception {
        return published(publisher, Long.MAX_VALUE);
    }

    /** What the publisher sends to a subscriber that asks for {@code batch} buffers at a time. */
    private static byte[] published(HttpRequest.BodyPublisher publisher, long batch) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;
            private long left;

            @Override
            public void onSubscribe(Flow.Subscription given) {
                subscription = given;
                left = batch;
                subscription.request(batch);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                out.writeBytes(bytes);
                if (--left == 0) {
                    left = batch;
                    subscription.request(batch);
                }
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(out.toByteArray());
            }
        });
        return done.get(5, TimeUnit.SECONDS);
    }
}
