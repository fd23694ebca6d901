package io.voiceplatform.core.config;

import java.time.Duration;

/**
 * Input limits checked before any provider call, the request deadline, and how much work runs at once.
 *
 * @param maxAudioBytes     largest accepted upload ({@code VOICE_MAX_FILE_SIZE_MB})
 * @param maxTextChars      longest accepted synthesis input
 * @param processingTimeout the time limit of one request, every attempt, retry and fallback included
 *                          ({@code VOICE_PROCESSING_TIMEOUT})
 * @param defaultLanguage   language assumed when a request names none ({@code VOICE_DEFAULT_LANGUAGE})
 * @param maxInFlight       requests served at once; more wait {@code inFlightWait}, then are refused
 * @param inFlightWait      how long a request waits for a free slot
 */
public record LimitSettings(long maxAudioBytes, int maxTextChars, Duration processingTimeout, String defaultLanguage,
                            int maxInFlight, Duration inFlightWait) {
}
