package io.voiceplatform.tools.soak;

import io.voiceplatform.tools.validate.ResourceSample;
import io.voiceplatform.tools.validate.RunTotals;
import io.voiceplatform.tools.validate.Slope;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The soak's pass/fail rules on runs built here: one sample a second, as voice validate scrapes /metrics. */
class TestSoakJudgement {
    private static final RunTotals CLEAN = totals(2400, 0);
    private static final IntFunction<Double> STEADY_THREADS = t -> 26.0;

    private static RunTotals totals(long requests, long lost) {
        return new RunTotals(requests, requests - lost - 2, 2, lost, 99.9, 120, requests / 120.0);
    }

    private static List<ResourceSample> run(int seconds, IntFunction<Double> heapAfterGcMb, IntFunction<Double> threads) {
        return IntStream.range(0, seconds)
                .mapToObj(t -> new ResourceSample(t, 80.0, heapAfterGcMb.apply(t), 4.0, threads.apply(t))).toList();
    }

    /** ±0.1 MB: what a GC leaves differs a little from one collection to the next. */
    private static double noise(int t) {
        return t % 2 == 0 ? -0.1 : 0.1;
    }

    @Test
    void aStepWhileTheCachesFillIsNotGrowth() {
        // The 2-minute CI run: 9.6 MB until the caches filled at 28 s, then 17.6 MB and flat.
        List<ResourceSample> samples = run(120, t -> (t < 28 ? 9.6 : 17.6) + noise(t), STEADY_THREADS);
        double[] minutes = samples.stream().mapToDouble(s -> s.atSeconds() / 60).toArray();
        double[] mb = samples.stream().mapToDouble(ResourceSample::heapAfterGcMb).toArray();
        assertTrue(Slope.of(minutes, mb) > SoakJudgement.allowedHeapGrowth(2), "over the whole run the step reads as growth");

        SoakJudgement judgement = SoakJudgement.of(CLEAN, samples, 2);
        assertTrue(judgement.passed(), judgement.problems().toString());
    }

    @Test
    void aSteadyLeakFails() {
        // 2 MB/min for 10 minutes: 20 MB more, a full heap in a few hours.
        SoakJudgement judgement = SoakJudgement.of(CLEAN, run(600, t -> 20 + 2.0 * t / 60 + noise(t), STEADY_THREADS), 10);
        assertFalse(judgement.passed());
        assertEquals(List.of("heap after GC grows 2.00 MB/min after warm-up"), judgement.problems());
    }

    @Test
    void aShortRunIsAllowedEightMegabytesOverTheRunNotMore() {
        assertEquals(4.0, SoakJudgement.allowedHeapGrowth(2));
        assertEquals(1.0, SoakJudgement.allowedHeapGrowth(30));
        assertTrue(SoakJudgement.of(CLEAN, run(120, t -> 20 + 3.0 * t / 60, STEADY_THREADS), 2).passed());
        assertEquals(List.of("heap after GC grows 5.00 MB/min after warm-up"),
                SoakJudgement.of(CLEAN, run(120, t -> 20 + 5.0 * t / 60, STEADY_THREADS), 2).problems());
    }

    @Test
    void aLostRequestFails() {
        SoakJudgement judgement = SoakJudgement.of(totals(2400, 1), run(120, t -> 17.6 + noise(t), STEADY_THREADS), 2);
        assertEquals(List.of("1 requests lost"), judgement.problems());
    }

    @Test
    void threadsMayGrowDuringWarmUpAndBurstAfterItButNotKeepGrowing() {
        // Pools grow from 25 to 40 in the first quarter; afterwards bursts of up to 8 more come and go.
        IntFunction<Double> levelling = t -> t < 30 ? 25.0 + t / 2 : 40.0 + (t % 20 == 0 ? 8 : 0);
        assertTrue(SoakJudgement.of(CLEAN, run(120, t -> 17.6, levelling), 2).passed());

        // One more thread every 5 s after warm-up: 40 at 30 s, 57 at the end.
        IntFunction<Double> leaking = t -> t < 30 ? 25.0 + t / 2 : 40.0 + (t - 30) / 5;
        assertEquals(List.of("threads kept growing after warm-up: 40 -> 57"),
                SoakJudgement.of(CLEAN, run(120, t -> 17.6, leaking), 2).problems());
    }

    @Test
    void whatWasNotMeasuredFails() {
        SoakJudgement judgement = SoakJudgement.of(new RunTotals(0, 0, 0, 0, null, 0, 0), run(120, t -> null, t -> null), 2);
        assertEquals(List.of("no request was made", "heap after GC was not measured", "threads were not measured"),
                judgement.problems());
        assertTrue(judgement.summary().endsWith("heap after GC not measured; threads first/last/max not measured"), judgement.summary());
    }

    @Test
    void underEightSamplesTheWholeRunIsJudged() {
        // The same early step: in 7 samples it counts, in 8 the first quarter (2 samples) is warm-up.
        IntFunction<Double> step = t -> t < 1 ? 10.0 : 16.0;
        assertEquals(List.of("heap after GC grows 38.57 MB/min after warm-up"),
                SoakJudgement.of(CLEAN, run(7, step, STEADY_THREADS), 2).problems());
        assertTrue(SoakJudgement.of(CLEAN, run(8, step, STEADY_THREADS), 2).passed());
    }

    @Test
    void theSummaryGivesTheFiguresTheJudgementUsed() {
        SoakJudgement judgement = SoakJudgement.of(CLEAN, run(120, t -> t < 28 ? 9.6 : 17.6, t -> t == 60 ? 33.0 : 26.0), 2);
        assertEquals("2400 requests in 120 s, 2398 succeeded, 2 correct errors, 0 lost; heap after GC 9.6 -> 17.6 MB"
                + " (slope after warm-up 0.00 MB/min); threads first/last/max 26/26/33", judgement.summary());
    }
}
