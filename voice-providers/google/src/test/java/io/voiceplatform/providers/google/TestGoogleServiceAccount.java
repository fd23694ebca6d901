package io.voiceplatform.providers.google;

import io.voiceplatform.providers.testkit.MockProviderServer;
import com.fasterxml.jackson.databind.JsonNode;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.HealthProbe;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.VoiceException;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.voiceplatform.providers.testkit.MockProviderServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service-account path without the network: a key file made here, whose {@code token_uri} is the local
 * server, so that Google's auth library signs a real JWT and fetches the token from it.
 */
@Timeout(30)
class TestGoogleServiceAccount {
    private static final String TOKEN = "ya29.c.mock-access-token-4Kq7";
    private static KeyPair keys;

    @TempDir
    Path dir;
    @RegisterExtension
    final MockProviderServer mock = TestingGoogle.mockServer();
    private MockWebServer server;
    private Path keyFile;

    @BeforeAll
    static void makeKeys() {
        keys = TestingGoogle.rsaKeys();
    }

    @BeforeEach
    void writeKeyFile() throws IOException {
        server = mock.server();
        keyFile = TestingGoogle.serviceAccountFile(dir, keys, server.url("/token").toString());
    }

    @Test
    void sendsTheTokenTheEndpointGrantsForASignedJwtAsBearer() throws Exception {
        server.enqueue(json(200, "token-success.json"));
        server.enqueue(json(200, "synthesize-mp3.json"));

        try (TtsProvider tts = tts(Map.of())) {
            SynthesizedSpeech speech = tts.synthesize(SpeechRequest.of("Hi", AudioFormat.MP3)).toCompletableFuture().join();
            assertEquals(AudioFormat.MP3, speech.audio().format());
        }

        RecordedRequest token = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("POST", token.getMethod());
        assertEquals("/token", token.getPath());
        Map<String, String> form = form(token.getBody().readUtf8());
        assertEquals("urn:ietf:params:oauth:grant-type:jwt-bearer", form.get("grant_type"));
        JsonNode claims = verifiedClaims(form.get("assertion"));
        assertEquals(TestingGoogle.CLIENT_EMAIL, claims.path("iss").asText());
        assertEquals(ServiceAccountAuth.SCOPE, claims.path("scope").asText());
        // The library names Google's token endpoint as the audience wherever the file sends the request.
        assertEquals("https://oauth2.googleapis.com/token", claims.path("aud").asText());
        assertTrue(claims.path("exp").asLong() > claims.path("iat").asLong());

        RecordedRequest call = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/v1/text:synthesize", call.getPath());
        assertEquals("Bearer " + TOKEN, call.getHeader("Authorization"));
        assertNull(call.getHeader("X-Goog-Api-Key"));
    }

    @Test
    void reusesAFreshTokenWithoutAskingAgain() throws Exception {
        server.enqueue(json(200, "token-success.json"));
        server.enqueue(json(200, "recognize-success.json"));
        server.enqueue(json(200, "recognize-success.json"));

        try (SttProvider stt = stt(Map.of())) {
            stt.transcribe(TranscriptionRequest.of(TestingGoogle.wav()).withLanguage("en")).toCompletableFuture().join();
            stt.transcribe(TranscriptionRequest.of(TestingGoogle.wav()).withLanguage("en")).toCompletableFuture().join();
        }

        assertEquals("/token", server.takeRequest(1, TimeUnit.SECONDS).getPath());
        assertEquals("Bearer " + TOKEN, server.takeRequest(1, TimeUnit.SECONDS).getHeader("Authorization"));
        assertEquals("Bearer " + TOKEN, server.takeRequest(1, TimeUnit.SECONDS).getHeader("Authorization"));
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void concurrentCallsShareOneTokenRequest() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return request.getPath().equals("/token")
                        ? json(200, "token-success.json").setHeadersDelay(200, TimeUnit.MILLISECONDS)
                        : json(200, "recognize-success.json");
            }
        });

        try (SttProvider stt = stt(Map.of())) {
            List<CompletableFuture<?>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(stt.transcribe(TranscriptionRequest.of(TestingGoogle.wav()).withLanguage("en")).toCompletableFuture());
            }
            calls.forEach(CompletableFuture::join);
        }

        assertEquals(9, server.getRequestCount(), "one token request and eight recognitions");
    }

    @Test
    void cancellingWhileTheTokenIsFetchedSendsNothing() throws Exception {
        server.enqueue(json(200, "token-success.json").setHeadersDelay(300, TimeUnit.MILLISECONDS));
        server.enqueue(json(200, "recognize-success.json"));

        try (SttProvider stt = stt(Map.of())) {
            CompletableFuture<?> call = stt.transcribe(TranscriptionRequest.of(TestingGoogle.wav()).withLanguage("en")).toCompletableFuture();
            call.cancel(true);
            Thread.sleep(700);

            assertEquals(1, server.getRequestCount(), "only the token was asked for");
            stt.transcribe(TranscriptionRequest.of(TestingGoogle.wav()).withLanguage("en")).toCompletableFuture().join();
        }
        assertEquals("/token", server.takeRequest(1, TimeUnit.SECONDS).getPath());
        assertEquals("Bearer " + TOKEN, server.takeRequest(1, TimeUnit.SECONDS).getHeader("Authorization"));
        assertEquals(2, server.getRequestCount(), "the token fetched for the cancelled call serves the next one");
    }

    @Test
    void theCallerDoesNotWaitForTheTokenEndpoint() {
        server.enqueue(json(200, "token-success.json").setHeadersDelay(500, TimeUnit.MILLISECONDS));
        server.enqueue(json(200, "recognize-success.json"));

        try (SttProvider stt = stt(Map.of())) {
            long start = System.nanoTime();
            CompletableFuture<?> call = stt.transcribe(TranscriptionRequest.of(TestingGoogle.wav()).withLanguage("en")).toCompletableFuture();
            long returnedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertFalse(call.isDone(), "the call returned before the token came");
            assertTrue(returnedAfter < 400, "transcribe blocked for " + returnedAfter + " ms");
            call.join();
        }
    }

    @Test
    void aRefusedTokenRequestIsAnAuthenticationFailureAndKeepsTheProviderDown() {
        server.enqueue(json(400, "token-invalid-grant.json"));

        try (TtsProvider tts = tts(Map.of())) {
            assertTrue(tts.checkHealth().toCompletableFuture().join().up(), "nothing is known before the first call");
            VoiceException e = failure(tts.synthesize(SpeechRequest.of("Hi", AudioFormat.MP3)).toCompletableFuture());

            assertEquals(ErrorKind.AUTHENTICATION, e.kind());
            assertTrue(e.getMessage().contains("invalid_grant"), e.getMessage());
            HealthProbe health = tts.checkHealth().toCompletableFuture().join();
            assertFalse(health.up());
            assertTrue(health.detail().contains("Invalid JWT Signature"), health.detail());
        }
        assertEquals(1, server.getRequestCount(), "the API is not called without a token");
    }

    @Test
    void aTokenEndpointThatFailsIsUnavailableAndNotAnAuthenticationFailure() {
        server.enqueue(json(503, "error-unavailable.json"));

        try (TtsProvider tts = tts(Map.of())) {
            VoiceException e = failure(tts.synthesize(SpeechRequest.of("Hi", AudioFormat.MP3)).toCompletableFuture());

            assertEquals(ErrorKind.UNAVAILABLE, e.kind(), e.getMessage());
            assertTrue(tts.checkHealth().toCompletableFuture().join().up());
        }
        assertEquals(1, server.getRequestCount(), "the library's own retries are off: the platform retries");
    }

    @Test
    void aTokenEndpointThatDoesNotAnswerTimesOutWithinTheCallsLimit() {
        server.enqueue(json(200, "token-success.json").setSocketPolicy(SocketPolicy.NO_RESPONSE));

        try (SttProvider stt = stt(Map.of("timeout", "400ms"))) {
            long start = System.nanoTime();
            VoiceException e = failure(stt.transcribe(TranscriptionRequest.of(TestingGoogle.wav()).withLanguage("en")).toCompletableFuture());

            assertEquals(ErrorKind.TIMEOUT, e.kind());
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 2_000);
        }
    }

    @Test
    void aRefusedTokenIsAnAuthenticationFailureAndShowsInHealth() {
        server.enqueue(json(200, "token-success.json"));
        server.enqueue(json(401, "error-unauthenticated.json"));

        try (SttProvider stt = stt(Map.of())) {
            VoiceException e = failure(stt.transcribe(TranscriptionRequest.of(TestingGoogle.wav()).withLanguage("en")).toCompletableFuture());

            assertEquals(ErrorKind.AUTHENTICATION, e.kind());
            HealthProbe health = stt.checkHealth().toCompletableFuture().join();
            assertFalse(health.up());
            assertFalse(health.detail().contains(TOKEN));
            assertFalse(e.getMessage().contains(TOKEN));
        }
    }

    @Test
    void anApiKeyWinsOverTheKeyFile() throws Exception {
        server.enqueue(json(200, "synthesize-mp3.json"));

        try (TtsProvider tts = tts(Map.of("api-key", TestingGoogle.KEY))) {
            tts.synthesize(SpeechRequest.of("Hi", AudioFormat.MP3)).toCompletableFuture().join();
        }

        RecordedRequest call = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/v1/text:synthesize", call.getPath());
        assertEquals(TestingGoogle.KEY, call.getHeader("X-Goog-Api-Key"));
        assertNull(call.getHeader("Authorization"));
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void creatingProvidersReadsTheFileButCallsNothing() {
        try (SttProvider stt = stt(Map.of()); TtsProvider tts = tts(Map.of())) {
            assertTrue(stt.checkHealth().toCompletableFuture().join().up());
            assertTrue(tts.checkHealth().toCompletableFuture().join().up());
            assertFalse(stt.toString().contains("PRIVATE KEY"));
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aClosedProviderAsksForNoToken() {
        TtsProvider tts = tts(Map.of());
        tts.close();
        tts.close();

        assertEquals(ErrorKind.UNAVAILABLE, failure(tts.synthesize(SpeechRequest.of("Hi", AudioFormat.MP3)).toCompletableFuture()).kind());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aFileThatIsNotAKeyFileStopsStartUpNamingTheKey() throws IOException {
        Path notJson = Files.writeString(dir.resolve("notes.txt"), "not a key file");
        Path wrongType = Files.writeString(dir.resolve("other.json"), "{\"type\": \"something_else\"}");

        for (Path file : new Path[] {notJson, wrongType, dir.resolve("missing.json")}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> stt(Map.of("credentials-file", file.toString())));
            assertTrue(e.getMessage().startsWith("voice.providers.google.credentials-file = '" + file + "'"), e.getMessage());
        }
    }

    private SttProvider stt(Map<String, String> overrides) {
        return mock.stt(settings(overrides));
    }

    private TtsProvider tts(Map<String, String> overrides) {
        return mock.tts(settings(overrides));
    }

    /** A generous limit: the first token costs class loading and an RSA signature, slow on a busy machine. */
    private Map<String, String> settings(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(Map.of("api-key", "", "credentials-file", keyFile.toString(), "timeout", "10s"));
        values.putAll(overrides);
        return values;
    }

    private static VoiceException failure(CompletableFuture<?> call) {
        CompletionException e = assertThrows(CompletionException.class, call::join);
        assertTrue(e.getCause() instanceof VoiceException, String.valueOf(e.getCause()));
        return (VoiceException) e.getCause();
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
                pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8), pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }

    /** The claims of a JWT after checking its RS256 signature against the key file's public key. */
    private static JsonNode verifiedClaims(String jwt) throws Exception {
        String[] parts = jwt.split("\\.");
        assertEquals(3, parts.length, jwt);
        JsonNode header = TestingGoogle.body(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
        assertEquals("RS256", header.path("alg").asText());
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(keys.getPublic());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])), "the JWT is signed with the key file's private key");
        return TestingGoogle.body(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }
}
