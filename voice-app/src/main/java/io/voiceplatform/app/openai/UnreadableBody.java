package io.voiceplatform.app.openai;

import io.javalin.http.HttpResponseException;

import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * A request body that could not be read to its end: it stopped coming for longer than the read timeout or came slower
 * than the least body rate (408), it went
 * over its limit (413), or it is broken (400). The connection it came on cannot carry another request.
 */
final class UnreadableBody extends ApiException {
    private static final long serialVersionUID = 1L;

    private UnreadableBody(ApiError error) {
        super(error);
    }

    /**
     * @param failure what the server's body reader threw
     * @param param   the field at fault: {@code file} for an upload, null for a JSON body
     * @param limit   the body's limit in bytes
     */
    static UnreadableBody of(Throwable failure, String param, long limit) {
        String reason = "";
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException) {
                return new UnreadableBody(new ApiError(408, "The request body stopped arriving, or arrived too slowly; "
                        + "send it again, faster.", "invalid_request_error", param, "request_timeout", Optional.empty()));
            }
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (cause instanceof HttpResponseException http && http.getStatus() == 413
                    || message.contains("exceeded") || message.contains("too large") || message.contains("larger than max")) {
                return new UnreadableBody(new ApiError(413, "The request body is over the limit of " + limit + " bytes.",
                        "invalid_request_error", param, "request_too_large", Optional.empty()));
            }
            if (cause.getMessage() != null) {
                reason = cause.getMessage();
            }
        }
        // The innermost message says what is broken.
        return new UnreadableBody(ApiError.invalid((param == null ? "The body" : "The multipart body") + " could not be read: "
                + ApiError.printableReason(reason), param, param == null ? "invalid_body" : "invalid_multipart"));
    }
}
