package io.voiceplatform.providers.deepgram;

/**
 * One Aura voice. Deepgram names the voice inside the model id ({@code aura-asteria-en}), so the model is
 * what goes on the wire.
 *
 * @param model    the Aura model id, e.g. {@code aura-2-thalia-en}
 * @param language the primary language subtag the voice speaks, the last part of the model id
 * @param female   whether the voice is feminine, for mapping OpenAI voice names
 */
record DeepgramVoice(String model, String language, boolean female) {
}
