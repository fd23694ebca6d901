package io.voiceplatform.tools.validate;

import java.util.ArrayList;
import java.util.List;

/** Every finished request of a run, in the order they finished. Safe for use by many threads. */
final class OutcomeLog {
    private final List<Outcome> outcomes = new ArrayList<>();

    synchronized void add(Outcome outcome) {
        outcomes.add(outcome);
    }

    synchronized List<Outcome> snapshot() {
        return List.copyOf(outcomes);
    }
}
