package io.voiceplatform.providers.yandex;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading SpeechKit's two error shapes. */
@Timeout(10)
class TestYandexApi {
    @Test
    void readsTheErrorCodeAndMessageShape() {
        assertEquals("BAD_REQUEST audio should be less than 30s", message(TestingYandex.fixture("error-bad-request.json")));
        assertEquals("UNAUTHORIZED The token is invalid", message(TestingYandex.fixture("error-unauthorized.json")));
    }

    @Test
    void readsTheGatewayShapeNamingTheGrpcStatus() {
        assertEquals("UNAUTHENTICATED Unknown api key", message(TestingYandex.fixture("error-unauthenticated.json")));
        assertEquals("RESOURCE_EXHAUSTED Quota exceeded: requests per second", message(TestingYandex.fixture("error-resource-exhausted.json")));
        assertEquals("code 99 odd", message("{\"code\": 99, \"message\": \"odd\"}"));
        assertEquals("Not found", message("{\"message\": \"Not found\"}"));
    }

    @Test
    void keepsTheStartOfAnythingElse() {
        assertEquals("upstream connect error", message("  upstream connect error\n"));
        assertEquals("{\"detail\": \"x\"}", message("{\"detail\": \"x\"}"));
        String page = message("<html>" + "x".repeat(500) + "</html>");
        assertEquals(203, page.length());
        assertTrue(page.endsWith("..."));
        assertEquals("", message(""));
    }

    private static String message(String body) {
        return YandexApi.errorMessage(body.getBytes(StandardCharsets.UTF_8));
    }
}
