package io.voiceplatform.providers.yandex;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static io.voiceplatform.providers.testkit.MockProviderServer.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reading SpeechKit's two error shapes. */
@Timeout(10)
class TestYandexErrorReader {
    @Test
    void readsTheErrorCodeAndMessageShape() {
        assertEquals(Optional.of("BAD_REQUEST audio should be less than 30s"), message(fixture("error-bad-request.json")));
        assertEquals(Optional.of("UNAUTHORIZED The token is invalid"), message(fixture("error-unauthorized.json")));
    }

    @Test
    void readsTheGatewayShapeNamingTheGrpcStatus() {
        assertEquals(Optional.of("UNAUTHENTICATED Unknown api key"), message(fixture("error-unauthenticated.json")));
        assertEquals(Optional.of("RESOURCE_EXHAUSTED Quota exceeded: requests per second"),
                message(fixture("error-resource-exhausted.json")));
        assertEquals(Optional.of("code 99 odd"), message("{\"code\": 99, \"message\": \"odd\"}"));
        assertEquals(Optional.of("Not found"), message("{\"message\": \"Not found\"}"));
    }

    @Test
    void readsNothingFromOtherBodies() {
        assertEquals(Optional.empty(), message("  upstream connect error\n"));
        assertEquals(Optional.empty(), message("{\"detail\": \"x\"}"));
        assertEquals(Optional.empty(), message("<html>" + "x".repeat(500) + "</html>"));
        assertEquals(Optional.empty(), message(""));
    }

    private static Optional<String> message(String body) {
        return new YandexErrorReader().message(body.getBytes(StandardCharsets.UTF_8));
    }
}
