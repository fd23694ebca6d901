package io.voiceplatform.providers.support;

import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.plugin.HttpTransport;
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
    private final Function<byte[], String> errorMessage;
    private final BiFunction<Integer, byte[], ErrorKind> errorKind;
    private final AtomicReference<String> credentialsRefused = new AtomicReference<>();

    /**
     * @param errorMessage reads the provider's message out of an error body ("" when there is none)
     * @param errorKind    a provider-specific kind for an error answer, or null to map by status alone
     */
    public ProviderHttp(String provider, HttpTransport transport, ScheduledExecutorService scheduler, Duration timeout,
                        Secret secret, Function<byte[], String> errorMessage, BiFunction<Integer, byte[], ErrorKind> errorKind) {
        this.provider = provider;
        this.transport = transport;
        this.scheduler = scheduler;
        this.timeout = timeout;
        this.secret = secret;
        this.errorMessage = errorMessage;
        this.errorKind = errorKind;
    }

    public ProviderHttp(String provider, HttpTransport transport, ScheduledExecutorService scheduler, Duration timeout,
                        Secret secret, Function<byte[], String> errorMessage) {
        this(provider, transport, scheduler, timeout, secret, errorMessage, (status, body) -> null);
    }

    /**
     * Why the provider last refused our credentials, if it did: such a provider stays DOWN in health until its
     * configuration changes (a new provider instance). Recorded before the failed call completes.
     */
    public Optional<String> credentialsRefused() {
        return Optional.ofNullable(credentialsRefused.get());
    }

    /** The body of a 2xx answer. */
    public CompletableFuture<byte[]> send(HttpRequest request) {
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
}
