package io.voiceplatform.providers.support;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A multipart/form-data request body. The parts are published as they are, one buffer each: an upload of up to
 * 25 MB is never copied, neither into one big array nor into the buffers the JDK's own publishers copy into.
 * The length is known, so the body goes without chunked encoding.
 */
public final class MultipartForm {
    private static final ByteBuffer CRLF = ByteBuffer.wrap(new byte[]{'\r', '\n'}).asReadOnlyBuffer();

    private final String boundary = "voice-" + UUID.randomUUID();
    private final List<ByteBuffer> pieces = new ArrayList<>();

    public MultipartForm field(String name, String value) {
        text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    /** @param content the bytes from its position to its limit, read when the body is sent */
    public MultipartForm file(String name, String filename, String contentType, ByteBuffer content) {
        text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
        pieces.add(content.asReadOnlyBuffer());
        pieces.add(CRLF);
        return this;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public HttpRequest.BodyPublisher publisher() {
        List<ByteBuffer> body = new ArrayList<>(pieces);
        body.add(ByteBuffer.wrap(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII)));
        return new BuffersPublisher(List.copyOf(body));
    }

    private void text(String text) {
        pieces.add(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Publishes fresh views of the same buffers to each subscriber (a retried request is published again). */
    private record BuffersPublisher(List<ByteBuffer> buffers) implements HttpRequest.BodyPublisher {
        @Override
        public long contentLength() {
            return buffers.stream().mapToLong(ByteBuffer::remaining).sum();
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            subscriber.onSubscribe(new Flow.Subscription() {
                private final AtomicBoolean done = new AtomicBoolean();
                private int next;
                private long demand;
                private boolean emitting;

                @Override
                public void request(long n) {
                    if (n <= 0) {
                        if (done.compareAndSet(false, true)) {
                            subscriber.onError(new IllegalArgumentException("a subscriber asked for " + n + " items"));
                        }
                        return;
                    }
                    synchronized (this) {
                        demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                        if (emitting) {
                            return; // the loop below, further up this thread's stack or on another, goes on
                        }
                        emitting = true;
                    }
                    emit();
                }

                private void emit() {
                    while (true) {
                        ByteBuffer item;
                        synchronized (this) {
                            if (done.get() || demand == 0 || next == buffers.size()) {
                                emitting = false;
                                break;
                            }
                            demand--;
                            item = buffers.get(next++).duplicate();
                        }
                        subscriber.onNext(item);
                    }
                    synchronized (this) {
                        if (next == buffers.size() && !emitting && done.compareAndSet(false, true)) {
                            subscriber.onComplete();
                        }
                    }
                }

                @Override
                public void cancel() {
                    done.set(true);
                }
            });
        }
    }
}
