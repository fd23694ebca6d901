package io.voiceplatform.tools.validate;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How often one kind of failure was seen.
 *
 * @param operation STT or TTS
 * @param kind      {@code <status> <OpenAI error type>}, {@code timeout}, {@code connection refused}, ...
 * @param lost      whether this kind is a lost request rather than a correct error
 * @param count     how often
 */
record ErrorCount(Operation operation, String kind, boolean lost, long count) {
    static List<ErrorCount> of(List<Outcome> outcomes) {
        Map<String, ErrorCount> counts = new TreeMap<>();
        for (Outcome o : outcomes) {
            if (!o.success()) {
                counts.merge(o.operation() + " " + o.kind(), new ErrorCount(o.operation(), o.kind(), o.lost(), 1),
                        (a, b) -> new ErrorCount(a.operation(), a.kind(), a.lost(), a.count() + 1));
            }
        }
        return counts.values().stream().sorted(Comparator.comparingLong(ErrorCount::count).reversed()).toList();
    }
}
