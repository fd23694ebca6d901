package io.voiceplatform.tools.validate;

import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** One validation: probe the service, prepare the inputs, drive the load while sampling /metrics, judge. */
public final class ValidationRun {
    private final LoadPlan plan;
    private final ServiceClient client;
    private final PrintWriter progress;

    public ValidationRun(LoadPlan plan, PrintWriter progress) {
        this.plan = plan;
        this.client = new ServiceClient(plan.url(), plan.apiKey(), plan.timeout());
        this.progress = progress;
    }

    public ValidationReport execute() throws InterruptedException {
        String generatedAt = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String runId = UUID.randomUUID().toString().substring(0, 8);
        List<String> notes = new ArrayList<>();
        if (plan.smokePass()) {
            notes.add("Load testing is disabled (voice.performance.validation.load-testing-enabled / VOICE_V2_LOAD_TESTING_ENABLED):"
                    + " this was a single-user smoke pass of at most " + LoadPlan.SMOKE_REQUESTS + " requests, not a load test.");
        }
        ServiceAtStart start = client.probe();
        List<Outcome> outcomes = List.of();
        List<ResourceSample> samples = List.of();
        int failedScrapes = 0;
        String metricsProblem = "the load was not run";
        double elapsedSeconds = 0;
        if (start.reachable() && start.healthy()) {
            progress.printf("validate: %s is UP; speaking %d transcription inputs through it%n", client.url(),
                    TranscriptionInputs.SENTENCES.size());
            progress.flush();
            Workload workload = new Workload(runId, TranscriptionInputs.prepare(client, notes), plan.sttShare(), plan.repeatShare());
            progress.println("validate: " + describeLoad());
            progress.flush();
            OutcomeLog log = new OutcomeLog();
            long loadStart = System.nanoTime();
            MetricsSampler sampler = MetricsSampler.start(client, loadStart);
            try {
                new LoadDriver(client, workload, plan, log, progress).run(loadStart);
                elapsedSeconds = (System.nanoTime() - loadStart) / 1e9;
            } finally {
                sampler.close();
            }
            samples = sampler.samples();
            failedScrapes = sampler.failures();
            metricsProblem = sampler.problem();
            outcomes = log.snapshot();
        }
        Map<Operation, OperationSummary> operations = new EnumMap<>(Operation.class);
        for (Operation operation : Operation.values()) {
            operations.put(operation, OperationSummary.of(operation, outcomes));
        }
        RunTotals totals = RunTotals.of(outcomes, elapsedSeconds);
        CacheSummary cache = CacheSummary.of(outcomes);
        ResourceSummary resources = ResourceSummary.of(samples, failedScrapes, metricsProblem);
        List<Check> checks = Targets.checks(operations, totals, cache, resources);
        VerdictRules.Decision decision = VerdictRules.decide(start, totals.requests(),
                totals.successRatePercent() == null ? null : totals.successRatePercent() / 100, checks);
        return new ValidationReport("voice validate " + version(), generatedAt, ValidationReport.Parameters.of(plan, runId),
                Machine.current(), start, totals, operations, cache, resources, checks, decision.verdict(), decision.reasons(),
                ErrorCount.of(outcomes), notes, samples);
    }

    /** From the manifest of the voice-tools jar; a run from the build's classes has none. */
    private static String version() {
        String version = ValidationRun.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    private String describeLoad() {
        String shape = plan.openLoop() ? String.format(Locale.ROOT, "%.1f requests/s (open loop)", plan.rate())
                : plan.users() + (plan.users() == 1 ? " user" : " users") + " (closed loop)";
        String budget = plan.maxRequests() == Long.MAX_VALUE ? "" : ", at most " + plan.maxRequests() + " requests";
        return String.format(Locale.ROOT, "driving %s for %s%s, %.0f %% STT, %.0f %% repeated inputs, %s s timeout",
                shape, plan.duration().toMillis() / 1000.0 + " s", budget, plan.sttShare() * 100, plan.repeatShare() * 100,
                plan.timeout().toMillis() / 1000.0);
    }
}
