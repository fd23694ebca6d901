package io.voiceplatform.api.plugin;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestProviderSettings {
    private static final String CANARY = "sk-canary-9f8e7d6c5b4a";
    private final ProviderSettings settings = new ProviderSettings("voice.providers.acme", Map.of(
            "enabled", "Yes", "timeout", "1.5s", "retries", "3", "voices", "a, b ,,c", "api-key", CANARY, "bad", "x"));

    @Test
    void readsTypedValues() {
        assertTrue(settings.getBoolean("enabled", false));
        assertEquals(Duration.ofMillis(1500), settings.getDuration("timeout", Duration.ZERO));
        assertEquals(Duration.ofMillis(250), new ProviderSettings("s", Map.of("t", "250")).getDuration("t", Duration.ZERO));
        assertEquals(Duration.ofSeconds(30), new ProviderSettings("s", Map.of("t", "PT30S")).getDuration("t", Duration.ZERO));
        assertEquals(3, settings.getInt("retries", 0));
        assertEquals(List.of("a", "b", "c"), settings.getList("voices"));
        assertEquals(7, settings.getInt("absent", 7));
    }

    @Test
    void badValuesNameTheFullKeyAndNeverShowASecret() {
        IllegalArgumentException bool = assertThrows(IllegalArgumentException.class, () -> settings.getBoolean("bad", false));
        assertTrue(bool.getMessage().startsWith("voice.providers.acme.bad = 'x' is not a boolean"), bool.getMessage());
        IllegalArgumentException secret = assertThrows(IllegalArgumentException.class, () -> settings.getInt("api-key", 0));
        assertFalse(secret.getMessage().contains(CANARY), secret.getMessage());
    }

    @Test
    void secretsAreMaskedWhereverTheyArePrinted() {
        Secret key = settings.getSecret("api-key");
        assertEquals(CANARY, key.reveal());
        assertFalse(key.toString().contains(CANARY));
        assertFalse(settings.toString().contains(CANARY));
        assertFalse(settings.masked().get("api-key").contains(CANARY));
        assertTrue(ProviderSettings.isSecretKey("credentials-file"));
        assertFalse(Secret.empty().isPresent());
    }
}
