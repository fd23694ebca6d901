package io.voiceplatform.api.plugin;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * How provider plugins send HTTP. The platform hands every plugin a transport from one shared factory, so
 * that connection pooling, in-flight limits and timeouts are set in one place (the performance module
 * tightens them). Cancelling the returned future abandons the exchange.
 */
public interface HttpTransport {
    /**
     * The name the platform also binds its own network transport under, unlimited, for an extension that
     * wraps it (the performance module's connection limits).
     */
    String NETWORK = "voice.http.network";

    <T> CompletableFuture<HttpResponse<T>> send(HttpRequest request, HttpResponse.BodyHandler<T> handler);

    /** This transport with another time limit for opening a connection, sharing its connections and threads. */
    default HttpTransport withConnectTimeout(Duration timeout) {
        return this;
    }
}
