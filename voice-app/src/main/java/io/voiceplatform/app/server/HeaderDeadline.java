package io.voiceplatform.app.server;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closes a connection that has had no request under way for the header timeout: one opened and never sending a whole
 * request header, or kept open after its last request. Each byte resets the idle timeout, so a client dripping its
 * headers a byte at a time would otherwise hold the connection as long as it liked; Jetty 12 has no deadline for
 * the header as a whole. The handler marks when requests start and end; {@link #connections()} watches each connection.
 */
final class HeaderDeadline extends Handler.Wrapper {
    private final long timeoutNanos;
    private final Map<Connection, Watch> watches = new ConcurrentHashMap<>();

    HeaderDeadline(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /** The listener to add to a connector, so that its connections are watched. */
    Connection.Listener connections() {
        return new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                Watch watch = new Watch(connection);
                watches.put(connection, watch);
                watch.check(timeoutNanos);
            }

            @Override
            public void onClosed(Connection connection) {
                watches.remove(connection);
            }
        };
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Watch watch = watches.get(request.getConnectionMetaData().getConnection());
        if (watch == null) {
            return super.handle(request, response, callback);
        }
        Runnable end = watch.begin();
        try {
            boolean handled = super.handle(request, response, Callback.from(callback, end));
            if (!handled) {
                end.run();
            }
            return handled;
        } catch (Throwable failure) {
            end.run();
            throw failure;
        }
    }

    /** One connection: how many requests are under way on it, and since when it has had none. */
    private final class Watch implements Runnable {
        private final Connection connection;
        private final AtomicInteger requests = new AtomicInteger();
        private volatile long idleSince = NanoTime.now();

        Watch(Connection connection) {
            this.connection = connection;
        }

        /** A request started; the returned task, run once or more, ends it. */
        Runnable begin() {
            requests.incrementAndGet();
            AtomicBoolean ended = new AtomicBoolean();
            return () -> {
                if (ended.compareAndSet(false, true)) {
                    idleSince = NanoTime.now();
                    requests.decrementAndGet();
                }
            };
        }

        void check(long delayNanos) {
            getServer().getScheduler().schedule(this, delayNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void run() {
            if (!connection.getEndPoint().isOpen()) {
                return;
            }
            long idle = NanoTime.since(idleSince);
            if (requests.get() > 0) {
                check(timeoutNanos);
            } else if (idle < timeoutNanos) {
                check(timeoutNanos - idle);
            } else {
                connection.getEndPoint().close(new TimeoutException("no request header within " + timeoutNanos / 1_000_000 + " ms"));
            }
        }
    }
}
