package io.voiceplatform.tools.validate;

/**
 * A request about to be sent.
 *
 * @param operation STT or TTS
 * @param text      for TTS, the text to speak
 * @param wav       for STT, the audio to transcribe
 * @param prompt    for STT, the prompt field (part of the transcript cache key)
 * @param item      the working-set item for a repeated request; null for a distinct one
 * @param afterWarm for a repeated request, whether its item had already been answered once when this was planned
 */
record PlannedRequest(Operation operation, String text, byte[] wav, String prompt, WorkingSetItem item, boolean afterWarm) {
    boolean repeated() {
        return item != null;
    }
}
