package io.voiceplatform.core.transport;

import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;

/**
 * A JDK request body as OkHttp's: the publisher's buffers are written as they are, without a copy. OkHttp may
 * write a body twice (a pooled connection found closed), so each write subscribes again, as the JDK client
 * does on a retry. The Content-Type is the plugin's header, sent unchanged.
 */
final class PublishedBody extends RequestBody {
    private final HttpRequest.BodyPublisher publisher;

    PublishedBody(HttpRequest.BodyPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public MediaType contentType() {
        return null;
    }

    @Override
    public long contentLength() {
        return publisher.contentLength();
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        for (ByteBuffer buffer : buffers()) {
            sink.write(buffer);
        }
    }

    private List<ByteBuffer> buffers() throws IOException {
        CompletableFuture<List<ByteBuffer>> collected = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            private final List<ByteBuffer> buffers = new ArrayList<>();

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                buffers.add(item);
            }

            @Override
            public void onError(Throwable error) {
                collected.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                collected.complete(buffers);
            }
        });
        try {
            // The JDK's in-memory publishers deliver everything within subscribe(); the wait is for any other.
            return collected.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the request body was produced");
        } catch (ExecutionException e) {
            throw new IOException("the request body could not be produced: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
