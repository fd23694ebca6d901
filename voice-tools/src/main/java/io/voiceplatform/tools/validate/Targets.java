package io.voiceplatform.tools.validate;

import java.util.List;
import java.util.Map;

/**
 * The targets a deployment must meet, turned into checks of a run's measurements. Latency checks are over
 * successful requests; the heap check takes the largest heap in use seen; the CPU check takes the mean of the
 * one-second samples (a single second at full use is a burst, not a load level).
 */
final class Targets {
    static final double STT_MEAN_MS = 3500;
    static final double STT_P95_MS = 4550;
    static final double TTS_MEAN_MS = 3000;
    static final double TTS_P95_MS = 3900;
    static final double SUCCESS_PERCENT = 95;
    static final double CACHE_HIT_PERCENT = 85;
    static final double HEAP_MB = 512;
    static final double CPU_PERCENT = 70;

    private Targets() {
    }

    static List<Check> checks(Map<Operation, OperationSummary> operations, RunTotals totals, CacheSummary cache,
                              ResourceSummary resources) {
        OperationSummary stt = operations.get(Operation.STT);
        OperationSummary tts = operations.get(Operation.TTS);
        String resourceNote = resources.note();
        return List.of(
                Check.atMost("STT mean latency", Check.Area.LATENCY, STT_MEAN_MS, stt.latency().meanMs(), "ms", latencyNote(stt)),
                Check.atMost("STT p95 latency", Check.Area.LATENCY, STT_P95_MS, stt.latency().p95Ms(), "ms", latencyNote(stt)),
                Check.atMost("TTS mean latency", Check.Area.LATENCY, TTS_MEAN_MS, tts.latency().meanMs(), "ms", latencyNote(tts)),
                Check.atMost("TTS p95 latency", Check.Area.LATENCY, TTS_P95_MS, tts.latency().p95Ms(), "ms", latencyNote(tts)),
                Check.atLeast("success rate", Check.Area.SUCCESS, SUCCESS_PERCENT, totals.successRatePercent(), "%",
                        totals.requests() == 0 ? "no request was made" : totals.successes() + " of " + totals.requests()),
                Check.atLeast("cache hit ratio (repeated share)", Check.Area.CACHE, CACHE_HIT_PERCENT, cache.hitRatioPercent(), "%",
                        cache.note() != null ? cache.note() : cache.hits() + " hits of " + cache.counted() + " repeated requests"),
                Check.atMost("heap in use (max)", Check.Area.RESOURCE, HEAP_MB, resources.heapMaxMb(), "MB",
                        resources.heapMaxMb() == null ? resourceNote : resources.samples() + " samples of /metrics"),
                Check.atMost("process CPU (mean)", Check.Area.RESOURCE, CPU_PERCENT, resources.cpuMeanPercent(), "%",
                        resources.cpuMeanPercent() == null ? resourceNote : resources.samples() + " samples of /metrics"));
    }

    private static String latencyNote(OperationSummary summary) {
        if (summary.requests() == 0) {
            return "no request of this operation was made";
        }
        return summary.successes() == 0 ? "none of " + summary.requests() + " requests succeeded"
                : "over " + summary.successes() + " successful requests";
    }
}
