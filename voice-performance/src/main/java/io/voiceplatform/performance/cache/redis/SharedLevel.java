package io.voiceplatform.performance.cache.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.voiceplatform.performance.config.PerformanceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The cache level in Redis that replicas share: bytes by key, each with a TTL. It must never make a request
 * slow or fail: every command is bounded by the timeout and an unanswered one is a miss. Once Redis fails, the
 * level is DEGRADED and requests skip it entirely, while a probe in the background finds out when it answers again.
 */
public final class SharedLevel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SharedLevel.class);
    /** How often a degraded level checks whether Redis answers again. */
    private static final Duration PROBE_EVERY = Duration.ofSeconds(1);
    /** Read by the checks; never written, so always a miss. */
    private static final String PROBE_KEY = "voice:probe";
    /** Off the request path (checks, writes), commands may take this long: a cold client or a big value is no outage. */
    private static final Duration BACKGROUND_TIME = Duration.ofSeconds(1);

    /** Created in the background: Lettuce and Netty take a while to load, and start-up must not wait for them. */
    private final CompletableFuture<RedisLink> link;
    private final LevelHealth health;
    private final Duration timeout;
    private final long maxValueBytes;
    private final String address;
    private final SealedValues seals;
    private volatile boolean closed;

    /**
     * Starts the client and connects in the background: Redis being down at start-up leaves the level DEGRADED,
     * nothing more.
     *
     * @param settings with a URI
     */
    public SharedLevel(PerformanceSettings.Redis settings) {
        URI uri = settings.uri().orElseThrow(() -> new IllegalArgumentException("no Redis URI"));
        this.address = settings.address().orElseThrow();
        this.timeout = settings.timeout();
        this.maxValueBytes = settings.maxValueBytes();
        this.health = new LevelHealth(address);
        this.seals = new SealedValues(settings.secret());
        this.link = CompletableFuture.supplyAsync(() -> new RedisLink(uri, timeout), SharedLevel::startThread);
        link.whenComplete((started, error) -> {
            if (error != null) {
                health.failed(error);
            } else if (!closed) {
                connect(started);
                long every = PROBE_EVERY.toMillis();
                started.executor().scheduleWithFixedDelay(() -> probe(started), every, every, TimeUnit.MILLISECONDS);
            }
        });
    }

    private static void startThread(Runnable start) {
        Thread thread = new Thread(start, "voice-redis-start");
        thread.setDaemon(true);
        thread.start();
    }

    /** The stored bytes of {@code key}; never fails, and completes within about the timeout. */
    CompletableFuture<Lookup> get(String key) {
        Optional<RedisAsyncCommands<String, byte[]>> commands = commands();
        if (commands.isEmpty()) {
            return CompletableFuture.completedFuture(Lookup.UNANSWERED);
        }
        CompletableFuture<byte[]> command = bounded(commands.get().get(key), timeout);
        CompletableFuture<Lookup> lookup = command.handle((value, error) -> {
            if (error != null) {
                failed(error);
                return Lookup.UNANSWERED;
            }
            health.answered();
            return value == null ? Lookup.MISS : Lookup.hit(value);
        });
        lookup.whenComplete((value, error) -> {
            if (lookup.isCancelled()) {
                command.cancel(false);
            }
        });
        return lookup;
    }

    /** Stores {@code value} for {@code ttl}, without waiting; a value over the size limit is not stored. */
    void put(String key, byte[] value, Duration ttl) {
        Optional<RedisAsyncCommands<String, byte[]>> commands = commands();
        if (commands.isEmpty() || value.length > maxValueBytes) {
            return;
        }
        bounded(commands.get().set(key, value, SetArgs.Builder.px(Math.max(1, ttl.toMillis()))), background())
                .whenComplete((ok, error) -> {
            if (error != null) {
                failed(error);
            } else {
                health.answered();
            }
        });
    }

    /** Empty unless the level serves: requests skip a level that is starting or degraded. */
    private Optional<RedisAsyncCommands<String, byte[]>> commands() {
        RedisLink started = link.getNow(null);
        return started != null && health.serving() ? started.commands() : Optional.empty();
    }

    /** How this level's entries are authenticated. */
    SealedValues seals() {
        return seals;
    }

    /** Where answers continue: off Lettuce's I/O threads; the caller's own thread before the client has started. */
    Executor executor() {
        RedisLink started = link.getNow(null);
        return started == null ? Runnable::run : started.executor();
    }

    /** {@code state} (UP or DEGRADED) and {@code uri} without credentials. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", health.serving() ? "UP" : "DEGRADED");
        out.put("uri", address);
        return out;
    }

    /** Whether Redis answers now. */
    public boolean up() {
        return health.serving();
    }

    /** Shuts the client down (its threads, the probes with them), waiting a few seconds at most. */
    @Override
    public void close() {
        closed = true;
        try {
            link.thenAccept(RedisLink::close).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // It failed to start (nothing to close), or will be closed as soon as it has.
            LOG.debug("The shared cache level's client did not close in time: {}", e.toString());
        }
    }

    private Duration background() {
        return timeout.compareTo(BACKGROUND_TIME) > 0 ? timeout : BACKGROUND_TIME;
    }

    /** The command's answer, or a {@link java.util.concurrent.TimeoutException} after {@code limit} (the command is then cancelled). */
    private static <T> CompletableFuture<T> bounded(CompletionStage<T> redisCommand, Duration limit) {
        CompletableFuture<T> command = redisCommand.toCompletableFuture();
        CompletableFuture<T> bounded = command.copy().orTimeout(limit.toNanos(), TimeUnit.NANOSECONDS);
        bounded.whenComplete((value, error) -> {
            if (error != null) {
                command.cancel(false);
            }
        });
        return bounded;
    }

    /** Redis answering with an error (a value of another type, say) is not an outage; anything else is. */
    private void failed(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof RedisCommandExecutionException) {
            LOG.debug("Redis refused a command of the shared cache level: {}", cause.getMessage());
            return;
        }
        health.failed(cause);
    }

    /** Opens the first connection, or, once degraded, asks Redis whether it answers again. */
    private void probe(RedisLink started) {
        try {
            if (!started.opened()) {
                connect(started);
            } else if (!health.serving()) {
                check(started, false);
            }
        } catch (RuntimeException e) {
            // A probe must never end the schedule; the next one tries again.
            LOG.debug("A probe of the shared cache level failed: {}", e.toString());
        }
    }

    /** Serving starts with a first answer, not with the connection: it also loads the client's read path before a request needs it. */
    private void connect(RedisLink started) {
        started.connect().ifPresent(attempt -> attempt.whenComplete((connected, error) -> {
            if (error != null) {
                health.failed(error);
            } else {
                check(started, true);
            }
        }));
    }

    /** A read like the requests' own: an answer makes the level UP; no answer counts only when {@code reportFailure}. */
    private void check(RedisLink started, boolean reportFailure) {
        started.commands().ifPresent(commands -> bounded(commands.get(PROBE_KEY), background()).whenComplete((nothing, error) -> {
            if (error == null) {
                health.answered();
            } else if (reportFailure) {
                failed(error);
            }
        }));
    }
}
