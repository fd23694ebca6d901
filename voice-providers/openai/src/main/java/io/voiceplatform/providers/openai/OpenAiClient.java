package io.voiceplatform.providers.openai;

import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.HealthProbe;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.plugin.HttpTransport;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends requests to the OpenAI API through the platform's shared transport. After the API refuses the key,
 * health says DOWN with the reason until the provider is created again with other settings.
 */
final class OpenAiClient {
    private final OpenAiSettings settings;
    private final HttpTransport transport;
    private final ScheduledExecutorService scheduler;
    private final AtomicReference<String> authenticationFailure = new AtomicReference<>();

    OpenAiClient(OpenAiSettings settings, HttpTransport transport, ScheduledExecutorService scheduler) {
        this.settings = settings;
        this.transport = transport;
        this.scheduler = scheduler;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(settings.endpoint(path))
                .timeout(settings.timeout())
                .header("Authorization", "Bearer " + settings.apiKey().reveal());
    }

    /** The body of a 2xx answer; any other answer or failure as a {@link VoiceException}. */
    CompletableFuture<HttpResponse<byte[]>> send(HttpRequest request) {
        CompletableFuture<HttpResponse<byte[]>> exchange = transport.send(request, HttpResponse.BodyHandlers.ofByteArray());
        CompletableFuture<HttpResponse<byte[]>> result = exchange.handle((response, error) -> {
            if (error != null) {
                throw asUnchecked(HttpFailures.fromExchange(error));
            }
            if (response.statusCode() / 100 != 2) {
                throw failure(response.statusCode(), response.headers(), response.body());
            }
            return response;
        });
        // Cancelling the caller's future abandons the exchange.
        result.whenComplete((value, error) -> {
            if (result.isCancelled()) {
                exchange.cancel(true);
            }
        });
        return result;
    }

    /**
     * The body of a 2xx answer as it arrives, closed when it stalls for the call's time limit; any other
     * answer is read (its first 64 KB) and mapped as {@link #send} maps it.
     */
    CompletableFuture<InputStream> sendStreaming(HttpRequest request) {
        CompletableFuture<HttpResponse<InputStream>> exchange = transport.send(request, HttpResponse.BodyHandlers.ofInputStream());
        CompletableFuture<InputStream> result = exchange.handle((response, error) -> {
            if (error != null) {
                throw asUnchecked(HttpFailures.fromExchange(error));
            }
            if (response.statusCode() / 100 != 2) {
                byte[] body;
                try (InputStream in = response.body()) {
                    body = in.readNBytes(64 * 1024);
                } catch (IOException unreadable) {
                    body = new byte[0];
                }
                throw failure(response.statusCode(), response.headers(), body);
            }
            return new IdleLimitedStream(response.body(), settings.timeout(), scheduler);
        });
        result.whenComplete((value, error) -> {
            if (result.isCancelled()) {
                exchange.cancel(true);
            }
        });
        return result;
    }

    private VoiceException failure(int status, HttpHeaders headers, byte[] body) {
        VoiceException failure = HttpFailures.fromStatus(status, headers, body, settings.apiKey());
        if (failure.kind() == ErrorKind.AUTHENTICATION) {
            authenticationFailure.set(failure.getMessage());
        }
        return failure;
    }

    /** {@code sent.thenApply(reader)}, with the caller's cancellation passed back to the exchange. */
    static <S, T> CompletableFuture<T> read(CompletableFuture<S> sent, java.util.function.Function<S, T> reader) {
        CompletableFuture<T> result = sent.thenApply(value -> {
            try {
                return reader.apply(value);
            } catch (VoiceException e) {
                throw e;
            } catch (RuntimeException e) {
                // An answer our value types refuse (a negative duration, say) is the provider's fault, not ours.
                throw HttpFailures.malformed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        });
        result.whenComplete((value, error) -> {
            if (result.isCancelled()) {
                sent.cancel(true);
            }
        });
        return result;
    }

    HealthProbe health() {
        if (!settings.apiKey().isPresent()) {
            return HealthProbe.unhealthy("no API key configured (voice.providers.openai.api-key or OPENAI_API_KEY)");
        }
        String failure = authenticationFailure.get();
        return failure == null ? HealthProbe.healthy() : HealthProbe.unhealthy("the API refused the key: " + failure);
    }

    private static RuntimeException asUnchecked(Throwable error) {
        return error instanceof RuntimeException runtime ? runtime : new IllegalStateException(error);
    }
}
