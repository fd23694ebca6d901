package io.voiceplatform.providers.support;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A streamed response body that is closed when no byte has come for the time limit: the JDK client's body
 * stream waits forever, and an upstream that stalls mid-body would otherwise hold the reader for good.
 */
final class IdleLimitedStream extends FilterInputStream {
    private final String provider;
    private final ScheduledFuture<?> watchdog;
    private final long limitNanos;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean timedOut;

    IdleLimitedStream(String provider, InputStream body, Duration limit, ScheduledExecutorService scheduler) {
        super(body);
        this.provider = provider;
        this.limitNanos = limit.toNanos();
        long every = Math.max(10, limit.toMillis() / 4);
        this.watchdog = scheduler.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    private void check() {
        if (System.nanoTime() - lastProgress > limitNanos) {
            timedOut = true;
            close();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            int n = super.read(buffer, offset, length);
            lastProgress = System.nanoTime();
            if (n < 0) {
                watchdog.cancel(false);
            }
            return n;
        } catch (IOException e) {
            throw timedOut ? new IOException(provider + " sent no audio for " + Duration.ofNanos(limitNanos).toMillis() + " ms", e) : e;
        }
    }

    @Override
    public void close() {
        watchdog.cancel(false);
        try {
            super.close();
        } catch (IOException ignored) {
            // the exchange is being abandoned; nothing more to release
        }
    }
}
