package io.voiceplatform.tools.validate;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives the load: closed loop ({@code users} workers, each sending its next request when the last one is
 * answered) or open loop ({@code rate} requests started per second on schedule, whatever the answers). New
 * requests start for {@code duration}; each has the request time limit, so a run ends by duration + timeout.
 * In closed loop a worker whose request got no HTTP answer at all (refused, reset) waits 100 ms before its next
 * one. Prints one progress line every 5 s.
 */
final class LoadDriver {
    static final long PROGRESS_EVERY_SECONDS = 5;
    static final long TRANSPORT_FAILURE_PAUSE_MS = 100;

    private final ServiceClient client;
    private final Workload workload;
    private final LoadPlan plan;
    private final OutcomeLog log;
    private final PrintWriter progress;

    LoadDriver(ServiceClient client, Workload workload, LoadPlan plan, OutcomeLog log, PrintWriter progress) {
        this.client = client;
        this.workload = workload;
        this.plan = plan;
        this.log = log;
        this.progress = progress;
    }

    /** Blocks until the load is over: duration passed (or the request budget spent) and the last answer is in. */
    void run(long startNanos) throws InterruptedException {
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(daemon("validate-progress"));
        reporter.scheduleAtFixedRate(() -> printProgress(startNanos), PROGRESS_EVERY_SECONDS, PROGRESS_EVERY_SECONDS, TimeUnit.SECONDS);
        try {
            if (plan.openLoop()) {
                openLoop(startNanos);
            } else {
                closedLoop(startNanos);
            }
        } finally {
            reporter.shutdownNow();
        }
    }

    private void closedLoop(long startNanos) throws InterruptedException {
        long deadline = startNanos + plan.duration().toNanos();
        AtomicLong budget = new AtomicLong(plan.maxRequests());
        ExecutorService users = Executors.newFixedThreadPool(plan.users(), daemon("validate-user"));
        for (int i = 0; i < plan.users(); i++) {
            users.execute(() -> {
                while (System.nanoTime() < deadline && budget.getAndDecrement() > 0 && !Thread.currentThread().isInterrupted()) {
                    PlannedRequest planned = workload.next();
                    Outcome outcome = client.send(planned, startNanos).join();
                    record(planned, outcome);
                    if (outcome.status() == 0) {
                        pause();
                    }
                }
            });
        }
        users.shutdown();
        long limit = plan.duration().plus(plan.timeout()).plusSeconds(5).toNanos();
        if (!users.awaitTermination(limit, TimeUnit.NANOSECONDS)) {
            users.shutdownNow();
        }
    }

    private void openLoop(long startNanos) throws InterruptedException {
        long deadline = startNanos + plan.duration().toNanos();
        long period = Math.max(1, Math.round(1e9 / plan.rate()));
        AtomicLong budget = new AtomicLong(plan.maxRequests());
        Set<CompletableFuture<Outcome>> inFlight = ConcurrentHashMap.newKeySet();
        CountDownLatch finished = new CountDownLatch(1);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("validate-ticker"));
        ScheduledFuture<?> schedule = ticker.scheduleAtFixedRate(() -> {
            if (System.nanoTime() >= deadline || budget.getAndDecrement() <= 0) {
                finished.countDown();
                return;
            }
            PlannedRequest planned = workload.next();
            CompletableFuture<Outcome> request = client.send(planned, startNanos);
            inFlight.add(request);
            request.thenAccept(outcome -> {
                record(planned, outcome);
                inFlight.remove(request);
            });
        }, 0, period, TimeUnit.NANOSECONDS);
        finished.await(plan.duration().toMillis() + 1000, TimeUnit.MILLISECONDS);
        schedule.cancel(false);
        ticker.shutdown();
        ticker.awaitTermination(1, TimeUnit.SECONDS);
        try {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                    .get(plan.timeout().toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            // Every request has its own time limit; whatever is left now is not waited for.
        }
    }

    /** After a request that got no HTTP answer at all: a dead service is not spun against in a tight loop. */
    private static void pause() {
        try {
            Thread.sleep(TRANSPORT_FAILURE_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(PlannedRequest planned, Outcome outcome) {
        if (outcome.success() && planned.item() != null) {
            planned.item().markWarm();
        }
        log.add(outcome);
    }

    private void printProgress(long startNanos) {
        List<Outcome> outcomes = log.snapshot();
        long ok = outcomes.stream().filter(Outcome::success).count();
        progress.printf(Locale.ROOT, "validate: %4ds  %d requests  %d ok  %d errors  p95 stt %s  tts %s%n",
                (System.nanoTime() - startNanos) / 1_000_000_000L, outcomes.size(), ok, outcomes.size() - ok,
                p95(outcomes, Operation.STT), p95(outcomes, Operation.TTS));
        progress.flush();
    }

    private static String p95(List<Outcome> outcomes, Operation operation) {
        double[] latencies = outcomes.stream().filter(o -> o.success() && o.operation() == operation)
                .mapToDouble(Outcome::latencyMs).toArray();
        if (latencies.length == 0) {
            return "-";
        }
        Arrays.sort(latencies);
        return MeasurementText.seconds(LatencySummary.percentile(latencies, 95));
    }

    static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
