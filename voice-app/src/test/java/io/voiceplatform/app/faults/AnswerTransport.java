package io.voiceplatform.app.faults;

import io.voiceplatform.api.plugin.HttpTransport;

import javax.net.ssl.SSLSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A transport that answers every request at once with the answer set last, fed through the plugin's own body
 * handler exactly as the JDK client would feed it. No socket: a fuzzer can run it tens of thousands of times a second.
 */
final class AnswerTransport implements HttpTransport {
    private volatile int status = 200;
    private volatile HttpHeaders headers = HttpHeaders.of(Map.of(), (n, v) -> true);
    private volatile byte[] body = new byte[0];

    void answer(int newStatus, String retryAfter, byte[] newBody) {
        status = newStatus;
        headers = HttpHeaders.of(retryAfter == null ? Map.of() : Map.of("Retry-After", List.of(retryAfter)), (n, v) -> true);
        body = newBody;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        int code = status;
        HttpHeaders answerHeaders = headers;
        byte[] bytes = body;
        HttpResponse.BodySubscriber<T> subscriber = handler.apply(new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return code;
            }

            @Override
            public HttpHeaders headers() {
                return answerHeaders;
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        });
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        });
        if (bytes.length > 0) {
            subscriber.onNext(List.of(ByteBuffer.wrap(bytes)));
        }
        subscriber.onComplete();
        return subscriber.getBody().toCompletableFuture().thenApply(value -> new Answer<>(request, code, answerHeaders, value));
    }

    private record Answer<T>(HttpRequest request, int statusCode, HttpHeaders headers, T body) implements HttpResponse<T> {
        @Override
        public Optional<HttpResponse<T>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
