package io.voiceplatform.tools.validate;

import java.util.List;

/**
 * The whole run in numbers.
 *
 * @param requests           requests finished
 * @param successes          200 with a usable body
 * @param correctErrors      errors answered in OpenAI's error shape with a 4xx/5xx status
 * @param lost               neither: timeouts, connection failures, answers that are not what the API promises
 * @param successRatePercent successes per request; null when there was none
 * @param elapsedSeconds     from the first request sent to the last answer in
 * @param requestsPerSecond  requests finished per elapsed second
 */
public record RunTotals(long requests, long successes, long correctErrors, long lost, Double successRatePercent,
                 double elapsedSeconds, double requestsPerSecond) {
    static RunTotals of(List<Outcome> outcomes, double elapsedSeconds) {
        long successes = outcomes.stream().filter(Outcome::success).count();
        long correct = outcomes.stream().filter(Outcome::correctError).count();
        int n = outcomes.size();
        return new RunTotals(n, successes, correct, n - successes - correct, n == 0 ? null : 100.0 * successes / n,
                elapsedSeconds, elapsedSeconds > 0 ? n / elapsedSeconds : 0);
    }
}
