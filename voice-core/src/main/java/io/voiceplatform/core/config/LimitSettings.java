package io.voiceplatform.core.config;

import java.time.Duration;

/**
 * Input limits checked before any provider call, and the per-attempt timeout.
 *
 * @param maxAudioBytes     largest accepted upload ({@code VOICE_MAX_FILE_SIZE_MB})
 * @param maxTextChars      longest accepted synthesis input
 * @param processingTimeout the limit of one provider attempt ({@code VOICE_PROCESSING_TIMEOUT})
 * @param defaultLanguage   language assumed when a request names none ({@code VOICE_DEFAULT_LANGUAGE})
 */
public record LimitSettings(long maxAudioBytes, int maxTextChars, Duration processingTimeout, String defaultLanguage) {
}
