package io.voiceplatform.providers.support;

import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.HealthProbe;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.plugin.HttpTransport;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.Secret;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One HTTP exchange with a provider: a deadline, and every failure mapped to a {@link VoiceException} of the
 * right {@link ErrorKind} with the provider's own message (the secret blanked out). Cancelling the returned
 * future, or the deadline, abandons the exchange.
 */
public final class ProviderHttp {
    private final String provider;
    private final HttpTransport transport;
    private final ScheduledExecutorService scheduler;
    private final Duration timeout;
    private final Secret secret;
    private final String missingCredential;
    private final Function<byte[], String> errorMessage;
    private final BiFunction<Integer, byte[], ErrorKind> errorKind;
    private final AtomicReference<String> credentialsRefused = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private ProviderHttp(Builder builder) {
        this.provider = builder.provider;
        this.transport = builder.context.transport();
        this.scheduler = builder.context.scheduler();
        this.timeout = builder.timeout;
        this.secret = builder.secret;
        this.missingCredential = builder.missingCredential;
        this.errorMessage = builder.errorMessage;
        this.errorKind = builder.errorKind;
    }

    /** For {@code provider}, with the platform's transport and scheduler from {@code context}. */
    public static Builder builder(String provider, ProviderContext context) {
        return new Builder(provider, context);
    }

    /** Up unless the credential is missing or was refused (the reason, without the secret). */
    public HealthProbe health() {
        if (missingCredential != null && !secret.isPresent()) {
            return HealthProbe.unhealthy(missingCredential);
        }
        return credentialsRefused().map(HealthProbe::unhealthy).orElse(HealthProbe.healthy());
    }

    /** Later calls fail at once as {@link ErrorKind#UNAVAILABLE}; the transport is the platform's to close. */
    public void close() {
        closed.set(true);
    }

    /**
     * Why the provider last refused our credentials, if it did: such a provider stays DOWN in health until its
     * configuration changes (a new provider instance). Recorded before the failed call completes.
     */
    public Optional<String> credentialsRefused() {
        return Optional.ofNullable(credentialsRefused.get());
    }

    /** The answer of a 2xx exchange read by {@code reader}; see {@link #read}. */
    public <T> CompletableFuture<T> send(HttpRequest request, Function<byte[], T> reader) {
        return read(send(request), reader);
    }

    /** The body of a 2xx answer. */
    public CompletableFuture<byte[]> send(HttpRequest request) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(VoiceException.of(ErrorKind.UNAVAILABLE, provider, "the " + provider + " provider is closed", null));
        }
        if (missingCredential != null && !secret.isPresent()) {
            return CompletableFuture.failedFuture(VoiceException.of(ErrorKind.AUTHENTICATION, provider, missingCredential, null));
        }
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        CompletableFuture<HttpResponse<byte[]>> exchange;
        try {
            exchange = transport.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(VoiceException.of(ErrorKind.UNAVAILABLE, provider, provider + " could not be called: " + clean(e.getMessage()), e));
        }
        ScheduledFuture<?> deadline = scheduler.schedule(() -> result.completeExceptionally(
                VoiceException.of(ErrorKind.TIMEOUT, provider, provider + " did not answer within " + timeout, null)),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        exchange.whenComplete((response, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failed(unwrap(failure)));
            } else if (response.statusCode() / 100 == 2) {
                result.complete(response.body());
            } else {
                result.completeExceptionally(status(response));
            }
        });
        result.whenComplete((v, e) -> {
            deadline.cancel(false);
            exchange.cancel(true);
        });
        return result;
    }

    /**
     * {@code source.thenApply(reader)}, except that cancelling the result cancels the source too (a plain
     * {@code thenApply} does not pass cancellation back). A reader that throws a {@link VoiceException} fails
     * the result with it (the secret blanked out of its message: readers quote the answer, and an answer may
     * quote the key); any other exception becomes a {@link ErrorKind#PROVIDER_ERROR}.
     */
    public <T, R> CompletableFuture<R> read(CompletableFuture<T> source, Function<T, R> reader) {
        CompletableFuture<R> result = source.thenApply(value -> {
            try {
                return reader.apply(value);
            } catch (VoiceException e) {
                throw withoutSecret(e);
            } catch (RuntimeException e) {
                throw VoiceException.of(ErrorKind.PROVIDER_ERROR, provider, provider + " sent an answer that could not be read: " + clean(e.getMessage()), e);
            }
        });
        result.whenComplete((value, failure) -> {
            if (result.isCancelled()) {
                source.cancel(true);
            }
        });
        return result;
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private VoiceException failed(Throwable t) {
        if (t instanceof VoiceException v) {
            return v;
        }
        if (t instanceof HttpTimeoutException) {
            return VoiceException.of(ErrorKind.TIMEOUT, provider, provider + " did not answer within " + timeout, t);
        }
        if (t instanceof CancellationException) {
            return VoiceException.of(ErrorKind.UNAVAILABLE, provider, provider + " call was cancelled", t);
        }
        return VoiceException.of(ErrorKind.UNAVAILABLE, provider, provider + " could not be reached: " + clean(t.getMessage()), t);
    }

    private VoiceException status(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String detail = clean(errorMessage.apply(response.body()));
        String message = provider + " answered HTTP " + status + (detail.isBlank() ? "" : ": " + detail);
        if (status == 429) {
            return VoiceException.rateLimited(provider, message, retryAfter(response).orElse(null));
        }
        ErrorKind special = errorKind.apply(status, response.body());
        ErrorKind kind = special != null ? special : switch (status) {
            case 400, 422 -> ErrorKind.INVALID_REQUEST;
            case 401, 402, 403 -> ErrorKind.AUTHENTICATION;
            case 404, 413, 415 -> ErrorKind.UNSUPPORTED;
            case 408 -> ErrorKind.TIMEOUT;
            default -> status >= 500 ? ErrorKind.UNAVAILABLE : ErrorKind.PROVIDER_ERROR;
        };
        if (kind == ErrorKind.AUTHENTICATION) {
            credentialsRefused.set(message);
        }
        return new VoiceException(kind, message, null, provider, null, null);
    }

    private VoiceException withoutSecret(VoiceException e) {
        String message = e.getMessage();
        if (message == null || !secret.isPresent() || !message.contains(secret.reveal())) {
            return e;
        }
        // Not chained to the original: its message, with the secret, would reach the log with the stack trace.
        return new VoiceException(e.kind(), clean(message), e.param().orElse(null), e.provider().orElse(null),
                e.retryAfter().orElse(null), e.getCause());
    }

    private String clean(String text) {
        if (text == null) {
            return "";
        }
        return secret.isPresent() ? text.replace(secret.reveal(), "****") : text;
    }

    /** Retry-After as seconds or as an HTTP date. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
            } catch (NumberFormatException e) {
                try {
                    Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                    return Optional.of(d.isNegative() ? Duration.ZERO : d);
                } catch (DateTimeParseException ignored) {
                    return Optional.empty();
                }
            }
        });
    }

    /** How a provider's exchanges are made: time limit, credential, and how its error bodies read. */
    public static final class Builder {
        private final String provider;
        private final ProviderContext context;
        private Duration timeout = Duration.ofSeconds(30);
        private Secret secret = Secret.empty();
        private String missingCredential;
        private Function<byte[], String> errorMessage = body -> "";
        private BiFunction<Integer, byte[], ErrorKind> errorKind = (status, body) -> null;

        private Builder(String provider, ProviderContext context) {
            this.provider = provider;
            this.context = context;
        }

        /** The limit of one exchange, body included. */
        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        /** The secret blanked out of every message; the provider's answers may echo it. */
        public Builder secret(Secret value) {
            this.secret = value;
            return this;
        }

        /** A credential every call needs: without it, calls fail as authentication errors and health says {@code missing}. */
        public Builder requiredCredential(Secret value, String missing) {
            this.secret = value;
            this.missingCredential = missing;
            return this;
        }

        /** Reads the provider's message out of an error body ("" when there is none). */
        public Builder errorMessage(Function<byte[], String> reader) {
            this.errorMessage = reader;
            return this;
        }

        /** A provider-specific kind for an error answer, or null to map by status alone. */
        public Builder errorKind(BiFunction<Integer, byte[], ErrorKind> classifier) {
            this.errorKind = classifier;
            return this;
        }

        public ProviderHttp build() {
            return new ProviderHttp(this);
        }
    }
}
