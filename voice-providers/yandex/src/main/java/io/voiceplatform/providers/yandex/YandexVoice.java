package io.voiceplatform.providers.yandex;

/**
 * One SpeechKit voice, possibly in one of its roles.
 *
 * @param name     the {@code voice} form field, e.g. {@code jane}
 * @param language the {@code lang} form field the voice speaks, e.g. {@code ru-RU}
 * @param female   whether the voice is feminine, for mapping OpenAI voice names
 * @param emotion  the {@code emotion} form field (the role, e.g. {@code good}), or "" for the voice's default
 */
record YandexVoice(String name, String language, boolean female, String emotion) {
    /** The name a request or the configuration uses: {@code jane}, or {@code jane:good} for a role. */
    String id() {
        return emotion.isEmpty() ? name : name + ":" + emotion;
    }
}
