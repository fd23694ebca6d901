package io.voiceplatform.providers.google;

import java.util.Optional;

/**
 * The {@code voice} of a synthesis request (https://cloud.google.com/text-to-speech/docs/reference/rest/v1/VoiceSelectionParams):
 * a named voice, or only a language and a preferred gender, from which Google picks a voice itself.
 *
 * @param languageCode the locale as Text-to-Speech writes it, e.g. {@code en-US} or {@code cmn-CN}
 * @param name         the voice, e.g. {@code en-US-Wavenet-F}; empty to let Google choose
 * @param gender       the voice's gender where known, sent only when no name is
 */
record GoogleVoice(String languageCode, Optional<String> name, Optional<Gender> gender) {
    /** Google's {@code SsmlVoiceGender} values used here. */
    enum Gender { FEMALE, MALE }

    static GoogleVoice named(String name, String languageCode) {
        return new GoogleVoice(languageCode, Optional.of(name), Optional.empty());
    }
}
