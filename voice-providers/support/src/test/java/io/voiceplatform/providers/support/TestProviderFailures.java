package io.voiceplatform.providers.support;

import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.plugin.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a provider's failures read: the kind each status means, the provider's words kept, the secret never. */
@Timeout(10)
class TestProviderFailures {
    private static final String KEY = "acme-canary-key-0123456789";
    /** An error shape of {@code {"m": ...}} that says a 401 with {@code "quota"} is a limit. */
    private static final ErrorReader ACME = new ErrorReader() {
        @Override
        public Optional<String> message(byte[] body) {
            String text = text(body);
            return text.startsWith("{\"m\":") ? Optional.of(text.substring(6, text.length() - 2)) : Optional.empty();
        }

        @Override
        public Optional<ErrorKind> kind(int status, byte[] body) {
            return text(body).contains("quota") ? Optional.of(ErrorKind.RATE_LIMITED) : Optional.empty();
        }
    };
    private final ProviderFailures failures = new ProviderFailures("acme", Duration.ofSeconds(3), Secret.of(KEY), ACME);

    @ParameterizedTest(name = "HTTP {0} is {1}")
    @CsvSource({"400, INVALID_REQUEST", "401, AUTHENTICATION", "402, AUTHENTICATION", "403, AUTHENTICATION",
            "404, UNSUPPORTED", "408, TIMEOUT", "413, UNSUPPORTED", "415, UNSUPPORTED", "422, INVALID_REQUEST",
            "429, RATE_LIMITED", "500, UNAVAILABLE", "503, UNAVAILABLE", "302, PROVIDER_ERROR", "418, PROVIDER_ERROR"})
    void eachStatusHasItsKind(int status, ErrorKind kind) {
        VoiceException e = failures.status(status, headers(Map.of()), bytes("{\"m\":\"told you\"}"));

        assertEquals(kind, e.kind());
        assertEquals("acme answered HTTP " + status + ": told you", e.getMessage());
        assertEquals(Optional.of("acme"), e.provider());
    }

    @Test
    void theProvidersBodyCanSayWhatItMeans() {
        VoiceException e = failures.status(401, headers(Map.of("Retry-After", "4")), bytes("{\"m\":\"quota spent\"}"));

        assertEquals(ErrorKind.RATE_LIMITED, e.kind());
        assertEquals(Optional.of(Duration.ofSeconds(4)), e.retryAfter());
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        String inAMinute = ZonedDateTime.now().plusSeconds(60).format(DateTimeFormatter.RFC_1123_DATE_TIME);

        assertEquals(Optional.of(Duration.ofSeconds(7)), retryAfter(" 7 "));
        Duration date = retryAfter(inAMinute).orElseThrow();
        assertTrue(date.compareTo(Duration.ofSeconds(50)) > 0 && date.compareTo(Duration.ofSeconds(61)) <= 0, date.toString());
        assertEquals(Optional.of(Duration.ZERO), retryAfter("Thu, 01 Jan 1970 00:00:00 GMT"));
        assertEquals(Optional.empty(), retryAfter("soon"));
        assertEquals(Optional.empty(), failures.status(429, headers(Map.of()), bytes("")).retryAfter());
    }

    @Test
    void aBodyOfAnotherShapeIsQuotedFromItsStart() {
        assertEquals("acme answered HTTP 502: <html>bad gateway</html>",
                failures.status(502, headers(Map.of()), bytes("  <html>bad gateway</html>\n")).getMessage());
        String page = failures.status(502, headers(Map.of()), bytes("x".repeat(500))).getMessage();
        assertTrue(page.endsWith("x".repeat(200) + "..."), page);
        assertEquals("acme answered HTTP 503", failures.status(503, headers(Map.of()), bytes("")).getMessage());
    }

    @Test
    void theSecretIsBlankedWhereverTheProviderOrAReaderQuotesIt() {
        VoiceException answered = failures.status(401, headers(Map.of()), bytes("{\"m\":\"bad key " + KEY + "\"}"));
        VoiceException read = failures.withoutSecret(VoiceException.of(ErrorKind.PROVIDER_ERROR, "acme", "odd text " + KEY, null));
        VoiceException unreachable = failures.exchange(new CompletionException(new java.io.IOException("refused " + KEY)));

        for (VoiceException e : List.of(answered, read, unreachable)) {
            assertTrue(e.getMessage().contains("****"), e.getMessage());
            assertFalse(e.getMessage().contains(KEY), e.getMessage());
        }
        assertEquals(ErrorKind.UNAVAILABLE, unreachable.kind());
    }

    @Test
    void aTimeoutOfTheClientIsATimeout() {
        assertEquals(ErrorKind.TIMEOUT, failures.exchange(new HttpTimeoutException("request timed out")).kind());
        assertEquals("acme did not answer within PT3S", failures.timedOut().getMessage());
    }

    private Optional<Duration> retryAfter(String value) {
        return ProviderFailures.retryAfter(headers(Map.of("Retry-After", value)));
    }

    private static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(values.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))),
                (name, value) -> true);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
