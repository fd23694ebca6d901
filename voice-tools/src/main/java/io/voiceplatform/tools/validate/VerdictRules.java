package io.voiceplatform.tools.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the checks make a verdict, first rule that applies wins:
 * <ol>
 *   <li>CRITICAL_ISSUES: the service could not be reached or its health was not UP at the start, no request was
 *       answered at all, or fewer than 50 % of the requests succeeded;</li>
 *   <li>NOT_READY: fewer than 95 % succeeded, a target was missed by more than 20 % of the target, or a check
 *       could not be made (a check that was not measured is not passed);</li>
 *   <li>NEEDS_OPTIMIZATION: only latency, cache or resource targets were missed, each by at most 20 %;</li>
 *   <li>READY: every check passed.</li>
 * </ol>
 */
final class VerdictRules {
    static final double CRITICAL_SUCCESS_RATE = 0.50;

    private VerdictRules() {
    }

    /** The verdict and, unless it is READY, why. */
    record Decision(Verdict verdict, List<String> reasons) {
    }

    /**
     * @param start       what the service said before the load
     * @param requests    requests finished
     * @param successRate share 0..1 of them that succeeded; null when there was none
     * @param checks      every target against its measurement
     */
    static Decision decide(ServiceAtStart start, long requests, Double successRate, List<Check> checks) {
        List<String> reasons = new ArrayList<>();
        if (!start.reachable()) {
            reasons.add("the service could not be reached at " + start.url() + ": " + start.problem());
            return new Decision(Verdict.CRITICAL_ISSUES, reasons);
        }
        if (!start.healthy()) {
            reasons.add("the service's health was not UP at the start: " + start.problem());
            return new Decision(Verdict.CRITICAL_ISSUES, reasons);
        }
        if (requests == 0 || successRate == null) {
            reasons.add("no request was completed during the run");
            return new Decision(Verdict.CRITICAL_ISSUES, reasons);
        }
        if (successRate < CRITICAL_SUCCESS_RATE) {
            reasons.add(String.format(Locale.ROOT, "only %.1f %% of the requests succeeded (critical below %.0f %%)",
                    successRate * 100, CRITICAL_SUCCESS_RATE * 100));
            return new Decision(Verdict.CRITICAL_ISSUES, reasons);
        }
        boolean notReady = false;
        boolean nearMiss = false;
        for (Check check : checks) {
            switch (check.status()) {
                case PASS -> {
                }
                case NEAR_MISS -> {
                    nearMiss = true;
                    reasons.add(check.name() + " " + check.measuredText() + " missed " + check.targetText() + " by at most 20 %");
                }
                case MISS -> {
                    notReady = true;
                    reasons.add(check.name() + " " + check.measuredText() + " missed " + check.targetText()
                            + (check.area() == Check.Area.SUCCESS ? "" : " by more than 20 %"));
                }
                case NOT_MEASURED -> {
                    notReady = true;
                    reasons.add(check.name() + " could not be checked: " + check.note());
                }
            }
        }
        if (notReady) {
            return new Decision(Verdict.NOT_READY, reasons);
        }
        return new Decision(nearMiss ? Verdict.NEEDS_OPTIMIZATION : Verdict.READY, reasons);
    }
}
