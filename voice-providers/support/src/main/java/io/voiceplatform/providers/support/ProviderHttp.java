package io.voiceplatform.providers.support;

import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.HealthProbe;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.plugin.HttpTransport;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.Secret;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How a plugin calls its provider over HTTP, so that the plugin itself holds only its wire format: each
 * request gets the plugin's credential and one deadline (a token fetch included), goes through the platform's
 * transport, and every failure becomes a {@link VoiceException} of the right {@link ErrorKind} with the
 * provider's own message read by its {@link ErrorReader}, the secret blanked out. A refused credential keeps
 * {@link #health()} DOWN until the configuration changes (a new instance). Cancelling a returned future, or
 * the deadline, abandons the exchange. One instance serves one provider; {@link #close()} stops its calls.
 */
public final class ProviderHttp {
    /** How much of a streamed error answer is read for its message. */
    private static final int STREAMED_ERROR_BYTES = 64 * 1024;

    private final String provider;
    private final HttpTransport transport;
    private final ScheduledExecutorService scheduler;
    private final Duration timeout;
    private final Credential credential;
    private final ProviderFailures failures;
    private final AtomicReference<String> credentialsRefused = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private ProviderHttp(Builder builder) {
        this.provider = builder.provider;
        this.transport = builder.context.transport();
        this.scheduler = builder.context.scheduler();
        this.timeout = builder.timeout;
        this.credential = Objects.requireNonNull(builder.credential, "a credential");
        this.failures = new ProviderFailures(provider, timeout, credential.secret(), builder.errors);
    }

    /** For {@code provider}, with the platform's transport and scheduler from {@code context}. */
    public static Builder builder(String provider, ProviderContext context) {
        return new Builder(provider, context);
    }

    /**
     * Sends {@code request} (the kernel adds the credential and the time limit) and reads the body of its 2xx
     * answer; the deadline covers the whole body.
     */
    public <T> CompletableFuture<T> send(HttpRequest.Builder request, AnswerReader<byte[], T> reader) {
        return read(exchange(request, HttpResponse.BodyHandlers.ofByteArray(), this::body), reader);
    }

    /**
     * Sends {@code request} and hands the body of its 2xx answer to {@code reader} as it arrives: the deadline
     * covers the wait for the answer, and then the body is closed when nothing has come for as long.
     */
    public <T> CompletableFuture<T> stream(HttpRequest.Builder request, AnswerReader<InputStream, T> reader) {
        return read(exchange(request, HttpResponse.BodyHandlers.ofInputStream(), this::streamedBody), reader);
    }

    /** Up unless the credential is missing or was refused (the reason, without the secret). */
    public HealthProbe health() {
        return credential.problem().or(() -> Optional.ofNullable(credentialsRefused.get()))
                .map(HealthProbe::unhealthy).orElse(HealthProbe.healthy());
    }

    /** Later calls fail at once as {@link ErrorKind#UNAVAILABLE}; the transport is the platform's to close. */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            credential.close();
        }
    }

    private <B, T> CompletableFuture<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<B> handler,
                                                 ResponseCheck<B, T> check) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(failures.closed());
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        credential.authorize(request.timeout(timeout)).whenComplete((signed, refused) -> {
            if (refused != null) {
                result.completeExceptionally(failures.exchange(refused));
            } else if (!result.isDone()) {
                send(signed, handler, check, result);
            }
        });
        // Started once the request is on its way, or a token is being fetched for it: the set-up of a first call
        // in a cold JVM is not the provider's time.
        ScheduledFuture<?> deadline = scheduler.schedule(() -> result.completeExceptionally(failures.timedOut()),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((value, failure) -> deadline.cancel(false));
        return result;
    }

    private <B, T> void send(HttpRequest request, HttpResponse.BodyHandler<B> handler, ResponseCheck<B, T> check,
                             CompletableFuture<T> result) {
        CompletableFuture<HttpResponse<B>> exchange;
        try {
            exchange = transport.send(request, handler);
        } catch (RuntimeException e) {
            result.completeExceptionally(failures.exchange(e));
            return;
        }
        result.whenComplete((value, failure) -> exchange.cancel(true));
        exchange.whenComplete((response, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failures.exchange(failure));
                return;
            }
            try {
                result.complete(check.answer(response));
            } catch (RuntimeException e) {
                result.completeExceptionally(failures.exchange(e));
            }
        });
    }

    private byte[] body(HttpResponse<byte[]> response) {
        if (response.statusCode() / 100 != 2) {
            throw refusal(response, response.body());
        }
        return response.body();
    }

    private InputStream streamedBody(HttpResponse<InputStream> response) {
        if (response.statusCode() / 100 != 2) {
            byte[] start;
            try (InputStream in = response.body()) {
                start = in.readNBytes(STREAMED_ERROR_BYTES);
            } catch (IOException unreadable) {
                start = new byte[0];
            }
            throw refusal(response, start);
        }
        return new IdleLimitedStream(provider, response.body(), timeout, scheduler);
    }

    private VoiceException refusal(HttpResponse<?> response, byte[] body) {
        VoiceException failure = failures.status(response.statusCode(), response.headers(), body);
        if (failure.kind() == ErrorKind.AUTHENTICATION) {
            // Recorded before the call fails, so health says DOWN as soon as the caller sees why.
            credentialsRefused.set(failure.getMessage());
        }
        return failure;
    }

    /** {@code source.thenApply(reader)}, except that cancelling the result cancels the source too. */
    private <S, T> CompletableFuture<T> read(CompletableFuture<S> source, AnswerReader<S, T> reader) {
        CompletableFuture<T> result = source.thenApply(value -> {
            try {
                return reader.read(value);
            } catch (VoiceException e) {
                throw failures.withoutSecret(e);
            } catch (IOException | RuntimeException e) {
                throw failures.unreadable(e);
            }
        });
        result.whenComplete((value, failure) -> {
            if (result.isCancelled()) {
                source.cancel(true);
            }
        });
        return result;
    }

    /** What a response comes to: its body or stream when it is a success, else a thrown {@link VoiceException}. */
    @FunctionalInterface
    private interface ResponseCheck<B, T> {
        T answer(HttpResponse<B> response);
    }

    /** How a provider's exchanges are made: time limit, credential, and how its error bodies read. */
    public static final class Builder {
        private final String provider;
        private final ProviderContext context;
        private Duration timeout = Duration.ofSeconds(30);
        private Credential credential;
        private ErrorReader errors = ErrorReader.NONE;

        private Builder(String provider, ProviderContext context) {
            this.provider = provider;
            this.context = context;
        }

        /** The limit of one call: the credential, the answer and, unless streamed, its whole body. */
        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        /**
         * The credential as one header, e.g. {@code ("Authorization", "Token ", key, ...)}; {@code missing} is
         * the reason calls fail and health is DOWN while it is not configured (name the setting).
         */
        public Builder credentialHeader(String header, String scheme, Secret secret, String missing) {
            return credential(new HeaderCredential(provider, header, scheme, secret, missing));
        }

        /** A credential of the plugin's own, such as a token it gets first; closed with this instance. */
        public Builder credential(Credential value) {
            this.credential = value;
            return this;
        }

        /** Reads the provider's documented error body; without one, failures quote the start of the body. */
        public Builder errors(ErrorReader reader) {
            this.errors = reader;
            return this;
        }

        public ProviderHttp build() {
            return new ProviderHttp(this);
        }
    }
}
