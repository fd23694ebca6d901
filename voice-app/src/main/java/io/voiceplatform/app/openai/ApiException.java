package io.voiceplatform.app.openai;

/** Stops a request with an {@link ApiError}; the {@link ErrorMapper} writes it. */
class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ApiError error;

    ApiException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    ApiError error() {
        return error;
    }
}
