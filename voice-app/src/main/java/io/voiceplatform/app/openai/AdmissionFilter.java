package io.voiceplatform.app.openai;

import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a request passes before its handler runs: it gets a request id, its key is checked (when keys are set; an
 * address that sent too many wrong keys is refused before that), its caller's rate is counted, a body declared over
 * its endpoint's limit is refused before a byte of it is read, and the body's bytes are taken from the
 * {@link ByteBudget} (its declared length, or its endpoint's limit when chunked), to be given back by {@link #release}
 * when the request ends. The in-flight slot is the pipeline's, taken once the body is in, so a flood of oversized
 * uploads never takes one.
 */
public final class AdmissionFilter implements Handler {
    static final String REQUEST_ID = "X-Request-Id";
    private static final String CALLER = "voice.caller";
    private static final String BYTES = "voice.bytes";
    private static final Duration BUDGET_RETRY_AFTER = Duration.ofSeconds(1);
    private static final long DISCARDED_BODY_LIMIT = 8L << 20;
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final ApiKeys keys;
    private final FailedAuthThrottle failedAuth;
    private final CallerLimits rates;
    private final int perMinute;
    private final Map<String, Long> bodyLimits;
    private final ByteBudget budget;
    private final Duration budgetWait;

    /** @param bodyLimits the largest body each path accepts, in bytes */
    AdmissionFilter(ApiSettings settings, Map<String, Long> bodyLimits) {
        this.keys = new ApiKeys(settings.apiKeys());
        this.failedAuth = new FailedAuthThrottle(settings.failedAuth());
        this.rates = new CallerLimits(settings.rateLimitPerMinute());
        this.perMinute = settings.rateLimitPerMinute();
        this.bodyLimits = Map.copyOf(bodyLimits);
        this.budget = new ByteBudget(settings.maxBytesInFlight());
        this.budgetWait = settings.inFlightWait();
    }

    @Override
    public void handle(Context ctx) {
        String given = ctx.header(REQUEST_ID);
        ctx.header(REQUEST_ID, given != null && SAFE_REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString());
        String caller = keys.required() ? authenticate(ctx.ip(), ctx.header("Authorization")) : ctx.ip();
        ctx.attribute(CALLER, caller);
        rates.rateLimit(caller).ifPresent(wait -> {
            throw new ApiException(new ApiError(429, "Rate limit reached: at most " + perMinute + " requests per minute.",
                    "rate_limit_error", null, "rate_limit_exceeded", Optional.of(wait)));
        });
        Long limit = bodyLimits.get(ctx.path());
        // The long form: the int one (ctx.contentLength()) says -1 for 2 GB and more, which let those through unchecked.
        long declared = ctx.req().getContentLengthLong();
        if (limit != null && declared > limit) {
            discardSmallBody(ctx, declared);
            throw new ApiException(new ApiError(413, "The request body is " + declared + " bytes; the limit is " + limit + ".",
                    "invalid_request_error", null, "request_too_large", Optional.empty()));
        }
        // Only the endpoints that read a body take from the budget: /metrics, which calls this filter itself, has no
        // after-handler to give it back.
        long bodyBytes = limit == null ? 0 : declared >= 0 ? declared : ctx.header("Transfer-Encoding") != null ? limit : 0;
        if (bodyBytes > 0) {
            ByteBudget.Hold hold = budget.take(bodyBytes, budgetWait).orElseThrow(() -> {
                discardSmallBody(ctx, declared);
                return new ApiException(new ApiError(503, "The service holds as many request bytes as it may ("
                        + budget.total() + " bytes); try again shortly.", "service_unavailable_error", null, "overloaded",
                        Optional.of(BUDGET_RETRY_AFTER)));
            });
            ctx.attribute(BYTES, hold);
        }
    }

    /** Gives the request's bytes back to the budget; the after-handler of every request this filter saw. */
    static void release(Context ctx) {
        ByteBudget.Hold hold = ctx.attribute(BYTES);
        if (hold != null) {
            hold.close();
        }
    }

    /** Counts a whole answer held in memory against the budget until the request ends. */
    static void holdAnswer(Context ctx, long bytes) {
        ByteBudget.Hold hold = ctx.attribute(BYTES);
        if (hold != null) {
            hold.add(bytes);
        }
    }

    /**
     * Reads and drops a declared body of at most {@link #DISCARDED_BODY_LIMIT} bytes before the refusal goes out. A
     * client that sends its whole body before reading (Java's HttpClient does) would otherwise have its connection reset
     * by the unread bytes and never see the answer; a larger or chunked body is refused at once and its connection closed.
     */
    private static void discardSmallBody(Context ctx, long declared) {
        if (declared >= 0 && declared <= DISCARDED_BODY_LIMIT) {
            try (InputStream body = ctx.req().getInputStream()) {
                body.transferTo(OutputStream.nullOutputStream());
            } catch (IOException broken) {
                // The refusal still goes out; the connection closes.
            }
        }
    }

    /** The request id this filter gave the request. */
    static String requestId(Context ctx) {
        return ctx.res().getHeader(REQUEST_ID);
    }

    /** Who asks: the key presented, or the client's address when the service is open. */
    static String caller(Context ctx) {
        String caller = ctx.attribute(CALLER);
        return caller == null ? ctx.ip() : caller;
    }

    private String authenticate(String address, String authorization) {
        failedAuth.waitFor(address).ifPresent(wait -> {
            throw new ApiException(new ApiError(429,
                    "Too many requests with a wrong or missing API key from this address; wait before trying again.",
                    "rate_limit_error", null, "too_many_failed_authentications", Optional.of(wait)));
        });
        if (authorization == null || authorization.isBlank()) {
            failedAuth.failed(address);
            throw new ApiException(new ApiError(401, "You didn't provide an API key. Send it as 'Authorization: Bearer <key>'.",
                    "invalid_request_error", null, "missing_api_key", Optional.empty()));
        }
        return keys.authenticate(authorization).orElseThrow(() -> {
            failedAuth.failed(address);
            return new ApiException(new ApiError(401, "Incorrect API key provided.", "invalid_request_error", null,
                    "invalid_api_key", Optional.empty()));
        });
    }
}
