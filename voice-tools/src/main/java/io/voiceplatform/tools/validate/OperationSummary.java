package io.voiceplatform.tools.validate;

import java.util.List;

/**
 * One operation's requests: how many, how many succeeded, and the latency of the successful ones.
 *
 * @param requests  requests finished (answered, failed or timed out)
 * @param successes 200 with a usable body
 * @param latency   over the successful requests
 */
record OperationSummary(long requests, long successes, LatencySummary latency) {
    static OperationSummary of(Operation operation, List<Outcome> outcomes) {
        List<Outcome> mine = outcomes.stream().filter(o -> o.operation() == operation).toList();
        double[] latencies = mine.stream().filter(Outcome::success).mapToDouble(Outcome::latencyMs).toArray();
        return new OperationSummary(mine.size(), latencies.length, LatencySummary.of(latencies));
    }
}
