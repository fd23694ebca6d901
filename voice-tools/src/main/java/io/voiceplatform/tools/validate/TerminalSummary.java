package io.voiceplatform.tools.validate;

import java.io.PrintWriter;
import java.util.Locale;

/** What stdout gets at the end: the verdict, its reasons, the checks as a table and where the reports are. */
public final class TerminalSummary {
    private TerminalSummary() {
    }

    public static void print(ValidationReport r, ReportFiles files, PrintWriter out) {
        out.println("verdict: " + r.verdict());
        r.reasons().forEach(reason -> out.println("  - " + reason));
        if (r.parameters().smokePass()) {
            out.println("  (single-user smoke pass: load testing is disabled)");
        }
        RunTotals t = r.totals();
        out.printf(Locale.ROOT, "%d requests in %.1f s: %d ok, %d correct errors, %d lost%n", t.requests(), t.elapsedSeconds(),
                t.successes(), t.correctErrors(), t.lost());
        out.printf(Locale.ROOT, "%-34s %-12s %-14s %s%n", "check", "target", "measured", "result");
        for (Check c : r.checks()) {
            out.printf(Locale.ROOT, "%-34s %-12s %-14s %s%n", c.name(), c.targetText(), c.measuredText(), c.status().label());
        }
        out.println("reports: " + files.markdown() + ", " + files.json());
        out.flush();
    }
}
