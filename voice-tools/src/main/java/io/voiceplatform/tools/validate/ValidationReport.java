package io.voiceplatform.tools.validate;

import java.util.List;
import java.util.Map;

/**
 * Everything a validation measured and concluded; written as Markdown and as JSON. Every number comes from
 * requests really sent and answers really received, or from the service's own {@code /metrics}.
 *
 * @param tool        {@code voice validate} and its version
 * @param generatedAt when the run started (ISO-8601)
 * @param parameters  how the load was driven
 * @param machine     where it ran
 * @param service     what the service said at the start
 * @param totals      the whole run
 * @param operations  per operation
 * @param cache       the cache hit ratio on the repeated share
 * @param resources   heap, CPU and threads
 * @param checks      each target against its measurement
 * @param verdict     READY, NEEDS_OPTIMIZATION, NOT_READY or CRITICAL_ISSUES
 * @param reasons     why the verdict is not READY (empty when it is)
 * @param errors      the kinds of failure seen, most frequent first
 * @param notes       anything that changes how to read the numbers
 * @param samples     every /metrics sample, for trends
 */
public record ValidationReport(String tool, String generatedAt, Parameters parameters, Machine machine, ServiceAtStart service,
                        RunTotals totals, Map<Operation, OperationSummary> operations, CacheSummary cache,
                        ResourceSummary resources, List<Check> checks, Verdict verdict, List<String> reasons,
                        List<ErrorCount> errors, List<String> notes, List<ResourceSample> samples) {
    /**
     * How the load was driven.
     *
     * @param url                   the service
     * @param mode                  {@code closed loop} or {@code open loop}
     * @param users                 closed-loop workers
     * @param rateRequestsPerSecond open-loop rate; null in closed loop
     * @param durationSeconds       how long new requests were started
     * @param timeoutSeconds        limit per request
     * @param repeatShare           share of requests drawn from the working set
     * @param sttShare              share of transcriptions
     * @param workingSetPerOperation repeated inputs per operation
     * @param smokePass             load testing was disabled: a single-user pass of at most 20 requests
     * @param apiKeySent            whether an API key was sent
     * @param runId                 marks this run's inputs
     */
    record Parameters(String url, String mode, int users, Double rateRequestsPerSecond, double durationSeconds,
                      double timeoutSeconds, double repeatShare, double sttShare, int workingSetPerOperation,
                      boolean smokePass, boolean apiKeySent, String runId) {
        static Parameters of(LoadPlan plan, String runId) {
            return new Parameters(plan.url().toString(), plan.openLoop() ? "open loop" : "closed loop",
                    plan.openLoop() ? 0 : plan.users(), plan.rate(), plan.duration().toMillis() / 1000.0,
                    plan.timeout().toMillis() / 1000.0, plan.repeatShare(), plan.sttShare(), Workload.WORKING_SET_PER_OPERATION,
                    plan.smokePass(), plan.apiKey() != null && !plan.apiKey().isBlank(), runId);
        }
    }
}
