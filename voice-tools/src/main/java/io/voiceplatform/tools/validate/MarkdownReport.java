package io.voiceplatform.tools.validate;

import java.util.Locale;
import java.util.Map;

/** The report for people: one Markdown page. */
final class MarkdownReport {
    private final StringBuilder out = new StringBuilder();

    private MarkdownReport() {
    }

    static String render(ValidationReport report) {
        return new MarkdownReport().write(report).out.toString();
    }

    private MarkdownReport write(ValidationReport r) {
        line("# Voice Platform validation: " + r.verdict());
        line("");
        line("Generated " + r.generatedAt() + " by " + r.tool() + " against " + r.parameters().url() + ".");
        line("");
        if (r.reasons().isEmpty()) {
            line("Every check passed.");
        } else {
            line("Why:");
            line("");
            r.reasons().forEach(reason -> line("- " + reason));
        }
        for (String note : r.notes()) {
            line("");
            line("> " + note);
        }
        parameters(r.parameters());
        machine(r);
        requests(r);
        cache(r.cache());
        resources(r.resources());
        checks(r);
        errors(r);
        return this;
    }

    private void parameters(ValidationReport.Parameters p) {
        section("Run");
        table("parameter", "value");
        row("service", p.url());
        row("mode", p.mode() + (p.smokePass() ? " (smoke pass: load testing disabled)" : ""));
        if (p.rateRequestsPerSecond() != null) {
            row("rate", MeasurementText.fixed(p.rateRequestsPerSecond(), 2) + " requests/s");
        } else {
            row("users", Integer.toString(p.users()));
        }
        row("duration", MeasurementText.fixed(p.durationSeconds(), 1) + " s");
        row("timeout per request", MeasurementText.fixed(p.timeoutSeconds(), 1) + " s");
        row("STT share", percent(p.sttShare()));
        row("repeated share", percent(p.repeatShare()) + " (working set: " + p.workingSetPerOperation() + " inputs per operation)");
        row("API key sent", p.apiKeySent() ? "yes" : "no");
        row("run id", p.runId());
    }

    private void machine(ValidationReport r) {
        Machine m = r.machine();
        section("Machine and service");
        table("item", "value");
        row("host", m.host());
        row("operating system", m.os() + " (" + m.arch() + ")");
        row("processors", Integer.toString(m.processors()));
        row("memory", m.memoryMb() == null ? "-" : m.memoryMb() + " MB");
        row("validating JVM", m.java());
        ServiceAtStart s = r.service();
        row("service health at start", !s.reachable() ? "unreachable: " + s.problem() : s.healthy() ? "UP" : s.problem());
        row("service version", s.version() == null ? "-" : s.version());
        row("performance module", performance(s.performance()));
    }

    private void requests(ValidationReport r) {
        RunTotals t = r.totals();
        section("Requests");
        line(String.format(Locale.ROOT, "%d requests in %.1f s (%.2f/s): %d succeeded (%s), %d correct errors, %d lost"
                        + " (no answer, or an answer that is neither a usable result nor an OpenAI error).",
                t.requests(), t.elapsedSeconds(), t.requestsPerSecond(), t.successes(),
                MeasurementText.withUnit(t.successRatePercent(), "%"), t.correctErrors(), t.lost()));
        line("");
        line("Latency of the successful requests:");
        line("");
        table("operation", "requests", "successes", "mean", "p50", "p95", "p99", "max");
        for (Map.Entry<Operation, OperationSummary> e : r.operations().entrySet()) {
            OperationSummary o = e.getValue();
            LatencySummary l = o.latency();
            row(e.getKey().name(), Long.toString(o.requests()), Long.toString(o.successes()), MeasurementText.seconds(l.meanMs()),
                    MeasurementText.seconds(l.p50Ms()), MeasurementText.seconds(l.p95Ms()), MeasurementText.seconds(l.p99Ms()), MeasurementText.seconds(l.maxMs()));
        }
    }

    private void cache(CacheSummary c) {
        section("Cache on the repeated share");
        line("A repeated request counts once its input has been answered successfully before it was sent; the ratio is"
                + " the share of those answered with `X-Voice-Cache: HIT`.");
        line("");
        table("operation", "counted", "hits", "hit ratio");
        c.perOperation().forEach((operation, share) -> row(operation.name(), Long.toString(share.counted()),
                Long.toString(share.hits()), MeasurementText.withUnit(share.hitRatioPercent(), "%")));
        row("all", Long.toString(c.counted()), Long.toString(c.hits()),
                c.hitRatioPercent() == null ? "not measured: " + c.note() : MeasurementText.withUnit(c.hitRatioPercent(), "%"));
        line("");
        line("Repeated requests sent: " + c.repeatedRequests() + ". `X-Voice-Cache` on successful answers: " + c.headerValues() + ".");
    }

    private void resources(ResourceSummary s) {
        section("Heap, CPU and threads of the service");
        if (s.note() != null) {
            line("Not fully measured: " + s.note() + ".");
            line("");
        }
        line(s.samples() + " samples of `/metrics`, one a second (" + s.failedScrapes() + " failed).");
        line("");
        table("measure", "value");
        row("heap in use, max", MeasurementText.withUnit(s.heapMaxMb(), "MB"));
        row("heap in use, mean", MeasurementText.withUnit(s.heapMeanMb(), "MB"));
        row("heap in use, trend", slope(s.heapSlopeMbPerMin()));
        row("heap after GC, first / last", MeasurementText.withUnit(s.heapAfterGcFirstMb(), "MB") + " / " + MeasurementText.withUnit(s.heapAfterGcLastMb(), "MB"));
        row("heap after GC, trend", slope(s.heapAfterGcSlopeMbPerMin()));
        row("process CPU, max", MeasurementText.withUnit(s.cpuMaxPercent(), "%"));
        row("process CPU, mean", MeasurementText.withUnit(s.cpuMeanPercent(), "%"));
        row("live threads, first / last / max", MeasurementText.fixed(s.threadsFirst(), 0) + " / " + MeasurementText.fixed(s.threadsLast(), 0)
                + " / " + MeasurementText.fixed(s.threadsMax(), 0));
    }

    private void checks(ValidationReport r) {
        section("Checks");
        table("check", "target", "measured", "result", "how");
        for (Check c : r.checks()) {
            row(c.name(), c.targetText(), c.measuredText(), c.status().label(), c.note() == null ? "" : c.note());
        }
        line("");
        line("Verdict: **" + r.verdict() + "**. READY: every check passed. NEEDS_OPTIMIZATION: only latency, cache or"
                + " resource targets missed, each by at most 20 %. NOT_READY: success below 95 %, a target missed by more"
                + " than 20 %, or a check that could not be made. CRITICAL_ISSUES: the service unreachable or not UP at the"
                + " start, or fewer than 50 % of the requests succeeded.");
    }

    private void errors(ValidationReport r) {
        section("Errors seen");
        if (r.errors().isEmpty()) {
            line("None.");
            return;
        }
        table("operation", "kind", "count", "class");
        r.errors().forEach(e -> row(e.operation().name(), e.kind(), Long.toString(e.count()), e.lost() ? "lost" : "correct error"));
    }

    /** {@code requested true, installed true, level standard; on: result-cache, coalescing, ...} from the health details. */
    private static String performance(Map<String, Object> details) {
        if (details == null) {
            return "-";
        }
        String on = details.get("stages") instanceof Map<?, ?> stages
                ? stages.entrySet().stream()
                .filter(e -> e.getValue() instanceof Map<?, ?> stage && Boolean.TRUE.equals(stage.get("active")))
                .map(e -> String.valueOf(e.getKey())).collect(java.util.stream.Collectors.joining(", "))
                : "";
        return "requested " + details.get("requested") + ", installed " + details.get("installed") + ", level "
                + details.get("level") + (on.isEmpty() ? "" : "; on: " + on);
    }

    private static String slope(Double mbPerMinute) {
        return mbPerMinute == null ? "-" : String.format(Locale.ROOT, "%+.2f MB/min", mbPerMinute);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    private void section(String title) {
        line("");
        line("## " + title);
        line("");
    }

    private void table(String... headers) {
        row(headers);
        StringBuilder rule = new StringBuilder("|");
        for (int i = 0; i < headers.length; i++) {
            rule.append("---|");
        }
        line(rule.toString());
    }

    private void row(String... cells) {
        StringBuilder row = new StringBuilder("|");
        for (String cell : cells) {
            row.append(' ').append(cell.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        line(row.toString());
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
