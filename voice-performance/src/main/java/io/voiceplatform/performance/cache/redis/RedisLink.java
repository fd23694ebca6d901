package io.voiceplatform.performance.cache.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.MaintNotificationsConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.event.DefaultEventPublisherOptions;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one Lettuce connection to Redis. It is opened in the background, so start-up never waits for Redis nor
 * fails without it; once open, Lettuce reconnects by itself after a drop. While it is down, commands fail at
 * once instead of queueing, so a request never waits for a connection.
 */
final class RedisLink implements AutoCloseable {
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    /** Connecting (TCP, TLS, HELLO/AUTH) happens off the request path and may take longer than one command. */
    private static final Duration MIN_SETUP_TIME = Duration.ofSeconds(1);
    /** After a drop: tries after 100 ms, then doubling, at most every 5 s, so a restarted Redis is found quickly. */
    private static final Delay RECONNECT_DELAY = Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(5), 2, TimeUnit.MILLISECONDS);

    private final RedisURI uri;
    private final ClientResources resources;
    private final RedisClient client;
    private final AtomicReference<StatefulRedisConnection<String, byte[]>> connection = new AtomicReference<>();
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param commandTimeout the level's bound on a request's read; Lettuce's own expiry of commands is the longer
     *                       setup time, behind the level's bounds, so that it only cleans up
     */
    RedisLink(URI address, Duration commandTimeout) {
        Duration setup = commandTimeout.compareTo(MIN_SETUP_TIME) > 0 ? commandTimeout : MIN_SETUP_TIME;
        this.uri = RedisURI.create(address.toString());
        uri.setTimeout(setup);
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(RECONNECT_DELAY)
                // The platform measures requests itself; Lettuce's latency collector would only cost memory.
                .commandLatencyRecorder(CommandLatencyRecorder.disabled())
                .commandLatencyPublisherOptions(DefaultEventPublisherOptions.disabled())
                .build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(setup))
                .socketOptions(SocketOptions.builder().connectTimeout(setup).keepAlive(true).build())
                .maintNotificationsConfig(MaintNotificationsConfig.disabled())
                .build());
    }

    /**
     * Opens the connection unless it exists or an attempt is under way (then empty). Lettuce keeps an opened
     * connection itself, so this is needed only until the first attempt succeeds.
     */
    Optional<CompletableFuture<Void>> connect() {
        if (closed.get() || connection.get() != null || !connecting.compareAndSet(false, true)) {
            return Optional.empty();
        }
        CompletableFuture<Void> attempt = new CompletableFuture<>();
        try {
            client.connectAsync(CODEC, uri).whenComplete((opened, error) -> {
                if (error == null) {
                    connection.set(opened);
                }
                connecting.set(false);
                if (error != null) {
                    attempt.completeExceptionally(error);
                } else {
                    attempt.complete(null);
                }
            });
        } catch (RuntimeException e) {
            connecting.set(false);
            attempt.completeExceptionally(e);
        }
        return Optional.of(attempt);
    }

    /** Whether a connection was ever opened (it may be reconnecting now). */
    boolean opened() {
        return connection.get() != null;
    }

    /** Empty before the first connection; commands fail at once while it is reconnecting. */
    Optional<RedisAsyncCommands<String, byte[]>> commands() {
        return Optional.ofNullable(connection.get()).map(StatefulRedisConnection::async);
    }

    /**
     * Lettuce's small computation pool: answers continue there rather than on its I/O threads, and it runs the
     * level's probes. It lives and ends with the client.
     */
    ScheduledExecutorService executor() {
        return resources.eventExecutorGroup();
    }

    /** Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        StatefulRedisConnection<String, byte[]> open = connection.getAndSet(null);
        if (open != null) {
            open.closeAsync();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3_000);
    }
}
