package io.voiceplatform.tools.validate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Scrapes the service's {@code /metrics} once a second while the load runs. */
final class MetricsSampler implements AutoCloseable {
    private final ServiceClient client;
    private final long startNanos;
    private final List<ResourceSample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(LoadDriver.daemon("validate-metrics"));
    private int failures;
    private String problem;

    private MetricsSampler(ServiceClient client, long startNanos) {
        this.client = client;
        this.startNanos = startNanos;
    }

    static MetricsSampler start(ServiceClient client, long startNanos) {
        MetricsSampler sampler = new MetricsSampler(client, startNanos);
        sampler.timer.scheduleAtFixedRate(sampler::scrape, 0, 1, TimeUnit.SECONDS);
        return sampler;
    }

    private void scrape() {
        try {
            String text = client.metrics();
            ResourceSample sample = ResourceSample.parse((System.nanoTime() - startNanos) / 1e9, text);
            synchronized (this) {
                samples.add(sample);
            }
        } catch (IOException e) {
            record(e.getMessage() == null ? ServiceClient.kindOf(e) : ServiceClient.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            record("unreadable answer (" + e.getClass().getSimpleName() + ")");
        }
    }

    private synchronized void record(String failure) {
        failures++;
        problem = failure;
    }

    synchronized List<ResourceSample> samples() {
        return List.copyOf(samples);
    }

    /** Scrapes that failed, and the last reason. */
    synchronized int failures() {
        return failures;
    }

    synchronized String problem() {
        return problem;
    }

    /** Stops scraping; waits for a scrape in progress. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
    }
}
