package io.voiceplatform.providers.openai;

import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.HealthProbe;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.plugin.HttpTransport;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends requests to the OpenAI API through the platform's shared transport. After the API refuses the key,
 * health says DOWN with the reason until the provider is created again with other settings.
 */
final class OpenAiClient {
    private final OpenAiSettings settings;
    private final HttpTransport transport;
    private final AtomicReference<String> authenticationFailure = new AtomicReference<>();

    OpenAiClient(OpenAiSettings settings, HttpTransport transport) {
        this.settings = settings;
        this.transport = transport;
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
                VoiceException failure = HttpFailures.fromStatus(response, settings.apiKey());
                if (failure.kind() == ErrorKind.AUTHENTICATION) {
                    authenticationFailure.set(failure.getMessage());
                }
                throw failure;
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

    /** {@code sent.thenApply(reader)}, with the caller's cancellation passed back to the exchange. */
    static <T> CompletableFuture<T> read(CompletableFuture<HttpResponse<byte[]>> sent, java.util.function.Function<HttpResponse<byte[]>, T> reader) {
        CompletableFuture<T> result = sent.thenApply(reader);
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
