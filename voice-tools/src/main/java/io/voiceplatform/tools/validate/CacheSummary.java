package io.voiceplatform.tools.validate;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cache hit ratio on the repeated share. A repeated request counts once its working-set item has been
 * answered successfully before it was sent (a cache could hold the answer by then) and it succeeded itself;
 * the ratio is the share of those answered with {@code X-Voice-Cache: HIT}. Not measured when no answer
 * carried the header (the performance module is off or not installed) or no repeated request counted.
 *
 * @param repeatedRequests requests drawn from the working set
 * @param counted          repeated requests that count, see above
 * @param hits             of those, answered with HIT
 * @param hitRatioPercent  hits per counted request; null when not measured
 * @param perOperation     counted, hits and ratio for STT and TTS separately
 * @param headerValues     how often each X-Voice-Cache value was seen over all successful answers
 * @param note             why it was not measured; else null
 */
record CacheSummary(long repeatedRequests, long counted, long hits, Double hitRatioPercent, Map<Operation, Share> perOperation,
                    Map<String, Long> headerValues, String note) {
    static final String HIT = "HIT";

    record Share(long counted, long hits, Double hitRatioPercent) {
        static Share of(List<Outcome> counted) {
            long hits = counted.stream().filter(o -> HIT.equalsIgnoreCase(o.cache())).count();
            return new Share(counted.size(), hits, counted.isEmpty() ? null : 100.0 * hits / counted.size());
        }
    }

    static CacheSummary of(List<Outcome> outcomes) {
        Map<String, Long> headerValues = new TreeMap<>();
        for (Outcome o : outcomes) {
            if (o.success()) {
                headerValues.merge(o.cache() == null ? "(absent)" : o.cache().toUpperCase(java.util.Locale.ROOT), 1L, Long::sum);
            }
        }
        boolean headerSeen = outcomes.stream().anyMatch(o -> o.success() && o.cache() != null);
        long repeated = outcomes.stream().filter(Outcome::repeated).count();
        List<Outcome> counted = outcomes.stream().filter(o -> o.countsForCache() && o.success() && o.cache() != null).toList();
        Map<Operation, Share> perOperation = new TreeMap<>();
        for (Operation operation : Operation.values()) {
            perOperation.put(operation, Share.of(counted.stream().filter(o -> o.operation() == operation).toList()));
        }
        Share all = Share.of(counted);
        String note = null;
        if (!headerSeen) {
            note = "no answer carried " + ServiceClient.CACHE_HEADER + " (the performance module is off or not installed)";
        } else if (counted.isEmpty()) {
            note = "no repeated request was sent after its input's first successful answer (run longer or raise --repeat-share)";
        }
        return new CacheSummary(repeated, counted.size(), all.hits(), note == null ? all.hitRatioPercent() : null,
                perOperation, headerValues, note);
    }
}
