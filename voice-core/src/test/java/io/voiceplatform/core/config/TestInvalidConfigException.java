package io.voiceplatform.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(10)
class TestInvalidConfigException {
    @Test
    void namesKeyValueOriginAndRuleInOneLine() {
        InvalidConfigException e = InvalidConfigException.badValue("voice.limits.max-file-size-mb", "abc",
                "environment VOICE_MAX_FILE_SIZE_MB", "is not a whole number");

        assertEquals("voice.limits.max-file-size-mb = 'abc' (environment VOICE_MAX_FILE_SIZE_MB) is not a whole number",
                e.getMessage());
    }

    @Test
    void masksCredentialsAndUriPasswordsAndControlCharacters() {
        assertEquals("voice.providers.openai.api-key = 'sk-****' (environment OPENAI_API_KEY) is too short",
                InvalidConfigException.badValue("voice.providers.openai.api-key", "sk-1234567890",
                        "environment OPENAI_API_KEY", "is too short").getMessage());
        assertEquals("voice.performance.cache.redis.uri = 'redis://****@host' (system property) is bad",
                InvalidConfigException.badValue("voice.performance.cache.redis.uri", "redis://u:secret@host",
                        "system property", "is bad").getMessage());
        assertEquals("k = 'a?b' (system property) is bad",
                InvalidConfigException.badValue("k", "a\nb", "system property", "is bad").getMessage());
    }
}
