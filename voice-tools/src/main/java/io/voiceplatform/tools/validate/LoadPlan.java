package io.voiceplatform.tools.validate;

import java.net.URI;
import java.time.Duration;

/**
 * How a validation drives the service.
 *
 * @param url         the service's base URL
 * @param users       closed loop: workers that each send a request, wait for its answer, send the next
 * @param rate        open loop: requests started per second on schedule, whatever the answers; null for closed loop
 * @param duration    how long new requests are started
 * @param timeout     limit for each request
 * @param repeatShare share 0..1 of requests drawn from the working set of repeated inputs
 * @param sttShare    share 0..1 of requests that are transcriptions
 * @param apiKey      sent as {@code Authorization: Bearer}; null for none
 * @param smokePass   load testing is disabled: one user, at most {@link #SMOKE_REQUESTS} requests
 * @param maxRequests most requests started; {@link Long#MAX_VALUE} for no limit
 */
public record LoadPlan(URI url, int users, Double rate, Duration duration, Duration timeout, double repeatShare, double sttShare,
                String apiKey, boolean smokePass, long maxRequests) {
    static final int SMOKE_REQUESTS = 20;

    /** The same plan reduced to the single-user smoke pass. */
    LoadPlan smoke() {
        return new LoadPlan(url, 1, null, duration, timeout, repeatShare, sttShare, apiKey, true, SMOKE_REQUESTS);
    }

    boolean openLoop() {
        return rate != null;
    }
}
