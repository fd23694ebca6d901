package io.voiceplatform.tools.validate;

/**
 * One finished request.
 *
 * @param operation      STT or TTS
 * @param startedMs      when it was sent, in milliseconds since the load started
 * @param latencyMs      from sending to the whole answer read (or the failure)
 * @param status         the HTTP status; 0 when no answer came (timeout, refused, reset)
 * @param success        200 with a usable body: a WAV for speech, a JSON transcript with {@code text}
 * @param correctError   an error answered in OpenAI's shape ({@code {"error": {"type": ...}}}) with a 4xx/5xx status
 * @param kind           for a failure: {@code 503 service_unavailable_error}, {@code timeout}, ...; null on success
 * @param cache          the {@code X-Voice-Cache} header, null when absent
 * @param repeated       drawn from the working set of repeated inputs
 * @param countsForCache repeated, and sent after its item's first successful answer: a cache could have served it
 */
record Outcome(Operation operation, double startedMs, double latencyMs, int status, boolean success, boolean correctError,
               String kind, String cache, boolean repeated, boolean countsForCache) {
    /** Neither a success nor a correct error: no answer, or an answer that is not what the API promises. */
    boolean lost() {
        return !success && !correctError;
    }
}
