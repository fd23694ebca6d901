package io.voiceplatform.tools.validate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verdict rules, on measurements as a run produces them. */
class TestValidateVerdict {
    private static final ServiceAtStart UP = new ServiceAtStart("http://127.0.0.1:1", true, true, null, "1.0", null);

    private static List<Check> checks(double sttMeanMs, double sttP95Ms, double ttsMeanMs, double ttsP95Ms, double successPercent,
                                      Double hitPercent, Double heapMb, Double cpuPercent) {
        return List.of(
                Check.atMost("STT mean latency", Check.Area.LATENCY, Targets.STT_MEAN_MS, sttMeanMs, "ms", null),
                Check.atMost("STT p95 latency", Check.Area.LATENCY, Targets.STT_P95_MS, sttP95Ms, "ms", null),
                Check.atMost("TTS mean latency", Check.Area.LATENCY, Targets.TTS_MEAN_MS, ttsMeanMs, "ms", null),
                Check.atMost("TTS p95 latency", Check.Area.LATENCY, Targets.TTS_P95_MS, ttsP95Ms, "ms", null),
                Check.atLeast("success rate", Check.Area.SUCCESS, Targets.SUCCESS_PERCENT, successPercent, "%", null),
                Check.atLeast("cache hit ratio (repeated share)", Check.Area.CACHE, Targets.CACHE_HIT_PERCENT, hitPercent, "%",
                        hitPercent == null ? "no answer carried X-Voice-Cache" : null),
                Check.atMost("heap in use (max)", Check.Area.RESOURCE, Targets.HEAP_MB, heapMb, "MB", null),
                Check.atMost("process CPU (mean)", Check.Area.RESOURCE, Targets.CPU_PERCENT, cpuPercent, "%", null));
    }

    private static VerdictRules.Decision decide(List<Check> checks, double successPercent) {
        return VerdictRules.decide(UP, 500, successPercent / 100, checks);
    }

    @Test
    void everyTargetMetIsReadyWithExitCode0() {
        VerdictRules.Decision decision = decide(checks(1200, 2100, 800, 1500, 99.8, 97.0, 310.0, 35.0), 99.8);
        assertEquals(Verdict.READY, decision.verdict());
        assertTrue(decision.reasons().isEmpty(), decision.reasons().toString());
        assertEquals(0, decision.verdict().exitCode());
    }

    @Test
    void exactlyOnTheTargetsPasses() {
        assertEquals(Verdict.READY, decide(checks(3500, 4550, 3000, 3900, 95.0, 85.0, 512.0, 70.0), 95.0).verdict());
    }

    @Test
    void aLatencyMissWithinTwentyPercentNeedsOptimization() {
        // 4.0 s is 14 % over the 3.5 s STT mean target; 4.55 s * 1.2 = 5.46 s bounds the p95.
        VerdictRules.Decision decision = decide(checks(4000, 5400, 800, 1500, 99.0, 90.0, 300.0, 40.0), 99.0);
        assertEquals(Verdict.NEEDS_OPTIMIZATION, decision.verdict());
        assertEquals(2, decision.reasons().size(), decision.reasons().toString());
        assertEquals(1, decision.verdict().exitCode());
    }

    @Test
    void cacheAndResourceNearMissesNeedOptimization() {
        // 70 % hit ratio is within 20 % of 85 % (>= 68 %); 600 MB within 20 % of 512 MB (<= 614.4); CPU 80 % <= 84 %.
        assertEquals(Verdict.NEEDS_OPTIMIZATION, decide(checks(1000, 2000, 800, 1500, 99.0, 70.0, 600.0, 80.0), 99.0).verdict());
    }

    @Test
    void aMissByMoreThanTwentyPercentIsNotReady() {
        // 4.3 s TTS mean is 43 % over 3.0 s.
        VerdictRules.Decision decision = decide(checks(1000, 2000, 4300, 4500, 99.0, 95.0, 300.0, 40.0), 99.0);
        assertEquals(Verdict.NOT_READY, decision.verdict());
        assertTrue(decision.reasons().stream().anyMatch(r -> r.startsWith("TTS mean latency 4.300 s missed <= 3.000 s by more than 20 %")),
                decision.reasons().toString());
        // A hit ratio of 60 % is more than 20 % under 85 %.
        assertEquals(Verdict.NOT_READY, decide(checks(1000, 2000, 800, 1500, 99.0, 60.0, 300.0, 40.0), 99.0).verdict());
    }

    @Test
    void successBelowNinetyFivePercentIsNotReadyWithoutAnyMargin() {
        VerdictRules.Decision decision = decide(checks(1000, 2000, 800, 1500, 94.9, 95.0, 300.0, 40.0), 94.9);
        assertEquals(Verdict.NOT_READY, decision.verdict());
        assertEquals(List.of("success rate 94.9 % missed >= 95.0 %"), decision.reasons());
    }

    @Test
    void aCheckThatCouldNotBeMadeIsNotReadyAndSaysWhy() {
        VerdictRules.Decision decision = decide(checks(1000, 2000, 800, 1500, 100, null, 300.0, 40.0), 100);
        assertEquals(Verdict.NOT_READY, decision.verdict());
        assertEquals(List.of("cache hit ratio (repeated share) could not be checked: no answer carried X-Voice-Cache"),
                decision.reasons());
    }

    @Test
    void lessThanHalfSucceedingIsCritical() {
        VerdictRules.Decision decision = decide(checks(1000, 2000, 800, 1500, 49.0, 95.0, 300.0, 40.0), 49.0);
        assertEquals(Verdict.CRITICAL_ISSUES, decision.verdict());
        assertTrue(decision.reasons().get(0).startsWith("only 49.0 % of the requests succeeded"), decision.reasons().toString());
    }

    @Test
    void anUnreachableOrUnhealthyServiceIsCritical() {
        List<Check> fine = checks(1000, 2000, 800, 1500, 100, 95.0, 300.0, 40.0);
        VerdictRules.Decision unreachable = VerdictRules.decide(ServiceAtStart.unreachable("http://127.0.0.1:1", "connection refused"),
                0, null, fine);
        assertEquals(Verdict.CRITICAL_ISSUES, unreachable.verdict());
        assertTrue(unreachable.reasons().get(0).contains("connection refused"));
        ServiceAtStart down = new ServiceAtStart("http://127.0.0.1:1", true, false, "GET /health answered 503", null, null);
        assertEquals(Verdict.CRITICAL_ISSUES, VerdictRules.decide(down, 0, null, fine).verdict());
        assertEquals(Verdict.CRITICAL_ISSUES, VerdictRules.decide(UP, 0, null, fine).verdict(), "no request completed");
    }

    @Test
    void checkStatusesFollowTheBoundAndTheMargin() {
        assertEquals(Check.Status.PASS, Check.atMost("x", Check.Area.LATENCY, 100, 100.0, "ms", null).status());
        assertEquals(Check.Status.NEAR_MISS, Check.atMost("x", Check.Area.LATENCY, 100, 120.0, "ms", null).status());
        assertEquals(Check.Status.MISS, Check.atMost("x", Check.Area.LATENCY, 100, 120.1, "ms", null).status());
        assertEquals(Check.Status.NEAR_MISS, Check.atLeast("x", Check.Area.CACHE, 85, 68.0, "%", null).status());
        assertEquals(Check.Status.MISS, Check.atLeast("x", Check.Area.CACHE, 85, 67.9, "%", null).status());
        assertEquals(Check.Status.MISS, Check.atLeast("x", Check.Area.SUCCESS, 95, 94.99, "%", null).status());
        assertEquals(Check.Status.NOT_MEASURED, Check.atMost("x", Check.Area.RESOURCE, 512, null, "MB", "no /metrics").status());
    }
}
