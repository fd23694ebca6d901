package io.voiceplatform.providers.google;

import com.google.auth.Retryable;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.plugin.Secret;
import io.voiceplatform.providers.support.Credential;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A service account's OAuth access token as {@code Authorization: Bearer}, got and refreshed by Google's own
 * auth library from the key file: it signs the JWT and calls the file's {@code token_uri}
 * (https://developers.google.com/identity/protocols/oauth2/service-account). That call blocks, so it runs on
 * this credential's own thread, never on the caller's or the HTTP client's; a token that is still fresh is
 * used without the hop. The thread ends when idle and for good on {@link #close()}.
 */
final class ServiceAccountAuth implements Credential {
    static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";
    /** A token this close to its expiry is refreshed before use; the library's own margin is a few minutes too. */
    private static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    private final GoogleCredentials credentials;
    private final ThreadPoolExecutor refresher;
    private final AtomicReference<String> refused = new AtomicReference<>();

    ServiceAccountAuth(GoogleCredentials credentials) {
        // The platform retries and falls back itself, so the library's own retries would only add delay.
        this.credentials = credentials.createScoped(List.of(SCOPE)).createWithCustomRetryStrategy(false);
        this.refresher = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "google-token-refresh");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Reads a key file; {@code key} names the setting in the error when the file is not one. No network. */
    static ServiceAccountAuth load(Path file, String key) {
        try (InputStream in = Files.newInputStream(file)) {
            return new ServiceAccountAuth(GoogleCredentials.fromStream(in));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(key + " = '" + file + "' is not a Google credentials file: " + e.getMessage(), e);
        }
    }

    @Override
    public CompletableFuture<HttpRequest> authorize(HttpRequest.Builder request) {
        CompletableFuture<String> token;
        AccessToken current = credentials.getAccessToken();
        if (fresh(current)) {
            token = CompletableFuture.completedFuture(current.getTokenValue());
        } else {
            try {
                token = CompletableFuture.supplyAsync(this::refresh, refresher);
            } catch (RejectedExecutionException e) {
                return CompletableFuture.failedFuture(VoiceException.of(ErrorKind.UNAVAILABLE, GooglePlugin.ID,
                        "the Google provider is closed", e));
            }
        }
        return token.thenApply(value -> request.header("Authorization", "Bearer " + value).build());
    }

    private static boolean fresh(AccessToken token) {
        return token != null && token.getExpirationTime() != null
                && token.getExpirationTime().getTime() - System.currentTimeMillis() > REFRESH_MARGIN.toMillis();
    }

    /** Runs on the refresher thread: blocks while the library calls the token endpoint. */
    private String refresh() {
        try {
            credentials.refreshIfExpired();
            AccessToken token = credentials.getAccessToken();
            if (token == null || token.getTokenValue() == null) {
                throw new IOException("the token endpoint answered no access token");
            }
            refused.set(null);
            return token.getTokenValue();
        } catch (IOException e) {
            String reason = shorten(String.valueOf(e.getMessage()));
            // The library marks a refusal (4xx but 408 and 429) as not retryable, and network or 5xx failures as retryable.
            if (e instanceof Retryable answer && !answer.isRetryable()) {
                String message = "Google refused the service account's token request: " + reason;
                refused.set(message);
                throw VoiceException.of(ErrorKind.AUTHENTICATION, GooglePlugin.ID, message, e);
            }
            throw VoiceException.of(ErrorKind.UNAVAILABLE, GooglePlugin.ID, "no access token from Google: " + reason, e);
        }
    }

    private static String shorten(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    @Override
    public Optional<String> problem() {
        return Optional.ofNullable(refused.get());
    }

    @Override
    public Secret secret() {
        return Secret.empty();
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }

    @Override
    public String toString() {
        return "ServiceAccountAuth[" + credentials.getClass().getSimpleName() + "]";
    }
}
