package io.voiceplatform.providers.google;

import io.voiceplatform.api.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@Timeout(10)
class TestGoogleError {
    @Test
    void readsStatusMessageAndReasons() {
        GoogleError error = read(TestingGoogle.fixture("error-api-key-invalid.json")).orElseThrow();

        assertEquals(new GoogleError("API key not valid. Please pass a valid API key.", "INVALID_ARGUMENT", List.of("API_KEY_INVALID")), error);
        assertEquals("INVALID_ARGUMENT: API key not valid. Please pass a valid API key.", error.describe());
    }

    @Test
    void readsTheArrayWrappedShapeToo() {
        assertEquals("NOT_FOUND: gone", read("[{\"error\": {\"code\": 404, \"message\": \"gone\", \"status\": \"NOT_FOUND\"}}]")
                .orElseThrow().describe());
    }

    @Test
    void otherBodiesAreNoGoogleError() {
        assertEquals(Optional.empty(), read("<html>Bad Gateway</html>"));
        assertEquals(Optional.empty(), read("{\"error\": \"invalid_grant\"}"));
        assertEquals(Optional.empty(), read(""));
        assertEquals("<html>Bad Gateway</html>", GoogleApi.errorMessage("<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8)));
        assertEquals(203, GoogleApi.errorMessage(("x".repeat(500)).getBytes(StandardCharsets.UTF_8)).length());
    }

    @Test
    void aRejectedKeyIsAuthenticationWhateverTheStatus() {
        assertEquals(ErrorKind.AUTHENTICATION, GoogleApi.errorKind(400, bytes(TestingGoogle.fixture("error-api-key-invalid.json"))));
        assertEquals(ErrorKind.AUTHENTICATION, GoogleApi.errorKind(401, bytes(TestingGoogle.fixture("error-unauthenticated.json"))));
        assertNull(GoogleApi.errorKind(400, bytes(TestingGoogle.fixture("error-invalid-argument.json"))));
        assertNull(GoogleApi.errorKind(403, bytes(TestingGoogle.fixture("error-permission-denied.json"))), "403 maps by status");
        assertNull(GoogleApi.errorKind(502, bytes("<html>")));
    }

    private static Optional<GoogleError> read(String body) {
        return GoogleError.read(bytes(body));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
