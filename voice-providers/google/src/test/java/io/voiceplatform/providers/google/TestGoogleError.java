package io.voiceplatform.providers.google;

import io.voiceplatform.api.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static io.voiceplatform.providers.testkit.MockProviderServer.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(10)
class TestGoogleError {
    @Test
    void readsStatusMessageAndReasons() {
        GoogleError error = read(fixture("error-api-key-invalid.json")).orElseThrow();

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
        assertEquals(Optional.empty(), new GoogleErrorReader().message(bytes("<html>Bad Gateway</html>")));
    }

    @Test
    void aRejectedKeyIsAuthenticationWhateverTheStatus() {
        assertEquals(Optional.of(ErrorKind.AUTHENTICATION), kind(400, "error-api-key-invalid.json"));
        assertEquals(Optional.of(ErrorKind.AUTHENTICATION), kind(401, "error-unauthenticated.json"));
        assertEquals(Optional.empty(), kind(400, "error-invalid-argument.json"));
        assertEquals(Optional.empty(), kind(403, "error-permission-denied.json"), "403 maps by status");
        assertEquals(Optional.empty(), new GoogleErrorReader().kind(502, bytes("<html>")));
    }

    private static Optional<ErrorKind> kind(int status, String fixture) {
        return new GoogleErrorReader().kind(status, bytes(fixture(fixture)));
    }

    private static Optional<GoogleError> read(String body) {
        return GoogleError.read(bytes(body));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
