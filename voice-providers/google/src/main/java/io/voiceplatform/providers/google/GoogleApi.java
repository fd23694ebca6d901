package io.voiceplatform.providers.google;

import io.voiceplatform.providers.support.ProviderHttp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.HealthProbe;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.plugin.ProviderContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * How the Google providers call Google: a JSON body, the credential header, the configured deadline over
 * getting a token and the exchange together, and Google's error bodies read into the failure. Refused
 * credentials keep the provider down: an API key until the configuration changes, a service account until
 * a token is granted again.
 */
final class GoogleApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GoogleAuth auth;
    private final ProviderHttp http;
    private final ScheduledExecutorService scheduler;
    private final Duration timeout;
    private final AtomicBoolean closed = new AtomicBoolean();

    GoogleApi(GoogleSettings settings, ProviderContext context) {
        this.auth = GoogleAuth.of(settings);
        this.scheduler = context.scheduler();
        this.timeout = settings.timeout();
        // No required credential here: a service account signs each request instead of a key.
        this.http = ProviderHttp.builder(GooglePlugin.ID, context).timeout(timeout).secret(auth.secret())
                .errorMessage(GoogleApi::errorMessage).errorKind(GoogleApi::errorKind).build();
    }

    /** A JSON {@code POST}, not yet carrying the credential. */
    HttpRequest.Builder post(URI uri, JsonNode body) {
        try {
            return HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Signs and sends a request and reads the JSON answer. Cancelling the returned future abandons the
     * exchange; a reader that throws anything but a {@link VoiceException} fails it as a provider error.
     */
    <T> CompletableFuture<T> send(HttpRequest.Builder request, Function<JsonNode, T> reader) {
        return http.read(exchange(request), body -> reader.apply(parse(body)));
    }

    private CompletableFuture<byte[]> exchange(HttpRequest.Builder request) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(VoiceException.of(ErrorKind.UNAVAILABLE, GooglePlugin.ID, "the Google provider is closed", null));
        }
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        CompletableFuture<HttpRequest> signed = auth.authorize(request);
        if (!signed.isDone()) {
            // A token is being fetched: the deadline covers that wait as well as the exchange.
            ScheduledFuture<?> deadline = scheduler.schedule(() -> result.completeExceptionally(VoiceException.of(ErrorKind.TIMEOUT,
                    GooglePlugin.ID, GooglePlugin.ID + " did not answer within " + timeout, null)), timeout.toMillis(), TimeUnit.MILLISECONDS);
            result.whenComplete((value, failure) -> deadline.cancel(false));
        }
        signed.whenComplete((call, failure) -> {
            if (failure != null) {
                result.completeExceptionally(voiceFailure(failure));
            } else if (!result.isDone()) {
                CompletableFuture<byte[]> sent = http.send(call);
                result.whenComplete((value, e) -> sent.cancel(true));
                sent.whenComplete((body, e) -> {
                    if (e != null) {
                        result.completeExceptionally(voiceFailure(e));
                    } else {
                        result.complete(body);
                    }
                });
            }
        });
        return result;
    }

    private static Throwable voiceFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof VoiceException ? cause
                : VoiceException.of(ErrorKind.UNAVAILABLE, GooglePlugin.ID, "the call to Google failed: " + cause, cause);
    }

    HealthProbe health() {
        String problem = auth.problem().or(http::credentialsRefused).orElse(null);
        return problem == null ? HealthProbe.healthy() : HealthProbe.unhealthy(problem);
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            auth.close();
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw new IOException("not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw VoiceException.of(ErrorKind.PROVIDER_ERROR, GooglePlugin.ID, "Google answered a body that is not a JSON object", e);
        }
    }

    /** The status and message of a Google error body, or the body's start when it is not one. */
    static String errorMessage(byte[] body) {
        return GoogleError.read(body).map(GoogleError::describe).orElseGet(() -> {
            String text = new String(body, StandardCharsets.UTF_8).strip();
            return text.length() > 200 ? text.substring(0, 200) + "..." : text;
        });
    }

    /** A rejected API key is an authentication failure though Google answers it with 400. */
    static ErrorKind errorKind(int status, byte[] body) {
        return GoogleError.read(body).filter(GoogleError::keyRejected).map(error -> ErrorKind.AUTHENTICATION).orElse(null);
    }
}
