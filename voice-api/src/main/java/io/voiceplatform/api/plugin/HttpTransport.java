package io.voiceplatform.api.plugin;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * How provider plugins send HTTP. The platform hands every plugin a transport from one shared factory, so
 * that connection pooling, in-flight limits and timeouts are set in one place (the performance module
 * tightens them). Cancelling the returned future abandons the exchange.
 */
public interface HttpTransport {
    <T> CompletableFuture<HttpResponse<T>> send(HttpRequest request, HttpResponse.BodyHandler<T> handler);
}
