package io.voiceplatform.app.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.core.pipeline.AtCapacityException;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

import static io.voiceplatform.app.openai.ApiError.printable;

/**
 * The one place errors are written: every exception a request ends in, and every status the HTTP server answers on its
 * own (a request it cannot parse, headers too large, an HTTP version it does not speak, no such path), go out as
 * OpenAI's {@code {"error": {"message", "type", "param", "code"}}} with the status that fits. Messages carry no stack
 * trace and no class name; an unexpected failure is logged with its request id and answered 500.
 */
public final class ErrorMapper {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    private final ObjectMapper json;

    public ErrorMapper(ObjectMapper json) {
        this.json = json;
    }

    /** Answers whatever a filter or handler throws, Javalin's own 404, 405 and 413 included. */
    void register(RoutesConfig routes) {
        routes.exception(Exception.class, (e, ctx) -> {
            if (e instanceof UnreadableBody) {
                // Jetty closes such a connection after the answer but does not say so in it; a client that pools
                // connections would send its next request into the closed one.
                ctx.header("Connection", "close");
            }
            write(ctx, map(e, ctx));
        });
        // Replaces Javalin's own handler of its HTTP exceptions, which answers in its shape, not OpenAI's.
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (e instanceof MethodNotAllowedResponse refused) {
                refused.getDetails().values().stream().findFirst().ifPresent(allowed -> ctx.header("Allow", allowed));
            }
            write(ctx, map(e, ctx));
        });
    }

    /** The server's error handler, for what Jetty answers before (or instead of) a route. */
    public Request.Handler serverErrors() {
        return new ServerErrors();
    }

    ApiError map(Throwable failure, Context ctx) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ApiException api) {
            return api.error();
        }
        if (cause instanceof VoiceException voice) {
            return ofPlatform(voice);
        }
        if (cause instanceof CancellationException) {
            // Only the caller's going away cancels a request, and nobody reads this answer; the status shows it in the logs.
            return ApiError.of(499, "The request was cancelled: the caller went away.", "invalid_request_error", "request_cancelled");
        }
        if (cause instanceof HttpResponseException http) {
            return ofStatus(http.getStatus(), ctx.req().getMethod(), ctx.path(), null);
        }
        String requestId = ctx.res().getHeader(AdmissionFilter.REQUEST_ID);
        log.error("unexpected failure on {} {} (request {})", ctx.req().getMethod(), ctx.path(), requestId, cause);
        return internal(requestId);
    }

    /**
     * Answers an {@link Error} a filter or handler threw (OutOfMemoryError, StackOverflowError), which Javalin hands
     * here instead of to the exception handlers; its own answer is a 500 with an empty text body. Writing may fail in
     * turn when memory is short: the connection then closes without an answer, and the service goes on.
     */
    void writeUnexpected(HttpServletResponse res, Error error) {
        String requestId = res.getHeader(AdmissionFilter.REQUEST_ID);
        log.error("unexpected error (request {})", requestId, error);
        if (res.isCommitted()) {
            return;
        }
        try {
            byte[] body = json.writeValueAsBytes(internal(requestId).body());
            res.resetBuffer();
            res.setStatus(500);
            res.setContentType("application/json");
            res.setContentLength(body.length);
            res.getOutputStream().write(body);
        } catch (IOException | RuntimeException | Error unwritable) {
            log.warn("the answer to request {} could not be written: {}", requestId, unwritable.toString());
        }
    }

    private static ApiError internal(String requestId) {
        return ApiError.of(500, "Internal error; the request id is " + requestId + ".", "server_error", "internal_error");
    }

    void write(Context ctx, ApiError error) {
        ctx.status(error.status());
        error.retryAfter().ifPresent(wait -> ctx.header("Retry-After", retryAfterSeconds(wait)));
        ctx.json(error.body());
    }

    /** The status and type of a platform error, from its kind. */
    private static ApiError ofPlatform(VoiceException e) {
        if (e instanceof AtCapacityException) {
            return new ApiError(503, e.getMessage(), "service_unavailable_error", null, "overloaded", e.retryAfter());
        }
        String param = e.param().orElse(null);
        return switch (e.kind()) {
            case INVALID_REQUEST -> new ApiError(400, e.getMessage(), "invalid_request_error", param, "invalid_value", Optional.empty());
            case UNSUPPORTED -> new ApiError(400, e.getMessage(), "invalid_request_error", param, "unsupported_value", Optional.empty());
            case RATE_LIMITED -> new ApiError(429, e.getMessage(), "rate_limit_error", null, "upstream_rate_limited",
                    Optional.of(e.retryAfter().orElse(Duration.ofSeconds(1))));
            case TIMEOUT -> new ApiError(504, e.getMessage(), "timeout_error", null, "upstream_timeout", Optional.empty());
            case UNAVAILABLE -> new ApiError(503, e.getMessage(), "service_unavailable_error", null, "no_provider_available",
                    Optional.of(Duration.ofSeconds(5)));
            case AUTHENTICATION, PROVIDER_ERROR -> new ApiError(502, e.getMessage(), "upstream_error", null,
                    e.kind() == ErrorKind.AUTHENTICATION ? "upstream_authentication" : "upstream_failed", Optional.empty());
        };
    }

    /** A status the HTTP layer chose: Javalin's (no route, wrong method, body too large) or Jetty's. */
    private static ApiError ofStatus(int status, String method, String path, String reason) {
        String invalid = "invalid_request_error";
        return switch (status) {
            case 400 -> ApiError.invalid("The request is not valid HTTP/1.1"
                    + (reason == null ? "." : ": " + ApiError.printableReason(reason) + "."), null, "bad_request");
            case 404 -> ApiError.of(404, "Unknown request URL: " + printable(method) + " " + printable(path) + ".", invalid, "unknown_url");
            case 405 -> ApiError.of(405, "The method " + printable(method) + " is not allowed on " + printable(path) + ".", invalid,
                    "method_not_allowed");
            case 413 -> ApiError.of(413, "The request body is over the limit.", invalid, "request_too_large");
            case 414 -> ApiError.of(414, "The request URL is too long.", invalid, "url_too_long");
            case 431 -> ApiError.of(431, "The request headers are too large.", invalid, "headers_too_large");
            case 505 -> ApiError.of(505, "The HTTP version is not supported; use HTTP/1.1.", invalid, "http_version_not_supported");
            case 503 -> new ApiError(503, "The service is stopping; send the request again.", "service_unavailable_error", null,
                    "unavailable", Optional.of(Duration.ofSeconds(1)));
            default -> status < 500
                    ? ApiError.of(status, HttpStatus.getMessage(status) + ".", invalid, "http_" + status)
                    : ApiError.of(status, "Internal error.", "server_error", "internal_error");
        };
    }

    private static String path(Request request) {
        return request.getHttpURI() == null || request.getHttpURI().getPath() == null ? "" : request.getHttpURI().getPath();
    }

    private static String retryAfterSeconds(Duration wait) {
        return Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
    }

    /**
     * Jetty's error handler with OpenAI's body, whatever the request's {@code Accept} says and whatever its method:
     * the SDKs read errors as JSON only.
     */
    private final class ServerErrors extends ErrorHandler {
        ServerErrors() {
            setShowStacks(false);
            setShowCauses(false);
        }

        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                        Callback callback) throws IOException {
            ofStatus(code, request.getMethod(), path(request), message).retryAfter()
                    .ifPresent(wait -> response.getHeaders().put("Retry-After", retryAfterSeconds(wait)));
            if (!generateAcceptableResponse(request, response, callback, "application/json", List.of(StandardCharsets.UTF_8),
                    code, message, cause)) {
                callback.succeeded();
            }
        }

        @Override
        protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
            try {
                writer.write(json.writeValueAsString(ofStatus(code, request.getMethod(), path(request), message).body()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an error body is plain strings", e);
            }
        }
    }
}
