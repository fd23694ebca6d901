package io.voiceplatform.providers.support;

import io.voiceplatform.api.plugin.ProviderSettings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestHttpUrls {
    private static ProviderSettings settings(String url) {
        return new ProviderSettings("voice.providers.acme", Map.of("base-url", url));
    }

    @Test
    void keepsAnHttpUrlWithoutItsTrailingSlash() {
        assertEquals(URI.create("https://api.example.com/v1"), HttpUrls.base(settings("https://api.example.com/v1/"), "base-url", "x"));
        assertEquals(URI.create("http://127.0.0.1:9000"), HttpUrls.base(new ProviderSettings("s", Map.of()), "base-url", "http://127.0.0.1:9000"));
    }

    @Test
    void refusesAnythingElseNamingTheKey() {
        for (String bad : new String[]{"ftp://example.com", "example.com", "https://example.com/?key=1", "http://"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HttpUrls.base(settings(bad), "base-url", "x"));
            assertTrue(e.getMessage().startsWith("voice.providers.acme.base-url = '" + bad + "'"), e.getMessage());
        }
    }
}
