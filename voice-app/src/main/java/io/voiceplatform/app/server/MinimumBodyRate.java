package io.voiceplatform.app.server;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Fails a request body that comes slower on average than the least rate, once a grace has passed since the server
 * began reading it. The idle timeout alone lets a client that sends a byte just before each timeout hold its connection
 * (and the thread reading the body) forever. Jetty's own MinimumDataRateHandler counts the bytes of all requests
 * together, so one fast upload hides any number of slow ones; this counts each request's own.
 */
final class MinimumBodyRate extends Handler.Wrapper {
    private final long bytesPerSecond;
    private final long graceNanos;

    /** @param bytesPerSecond the least average rate; 0 does not check */
    MinimumBodyRate(long bytesPerSecond, Duration grace) {
        this.bytesPerSecond = bytesPerSecond;
        this.graceNanos = grace.toNanos();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return super.handle(bytesPerSecond > 0 ? new MeasuredBody(request) : request, response, callback);
    }

    /** Counts what is read; asked to wait for more while too slow, it ends the body in a timeout instead. */
    private final class MeasuredBody extends Request.Wrapper {
        private volatile long started;
        private volatile long bytes;
        private volatile Content.Chunk failure;

        MeasuredBody(Request request) {
            super(request);
        }

        @Override
        public Content.Chunk read() {
            if (failure != null) {
                return failure;
            }
            if (started == 0) {
                started = NanoTime.now();
            }
            Content.Chunk chunk = super.read();
            if (chunk != null) {
                bytes += chunk.remaining();
            }
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            long elapsed = started == 0 ? 0 : NanoTime.since(started);
            if (elapsed > graceNanos && bytes * 1_000_000_000.0 / elapsed < bytesPerSecond) {
                failure = Content.Chunk.from(new TimeoutException("request body slower than " + bytesPerSecond + " bytes/s"));
                demandCallback.run();
                return;
            }
            super.demand(demandCallback);
        }
    }
}
