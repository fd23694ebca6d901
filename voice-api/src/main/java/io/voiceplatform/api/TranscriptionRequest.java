package io.voiceplatform.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What to transcribe and how.
 *
 * @param audio           the recording
 * @param language        a language tag, or {@link Language#AUTO} to detect it
 * @param prompt          text that guides the provider (spelling, context); may be empty
 * @param timestampDetail how much timing the caller wants
 * @param modelHint       a provider model to use, when the caller asks for one
 */
public record TranscriptionRequest(
        Audio audio, String language, String prompt, TimestampDetail timestampDetail, Optional<String> modelHint) {

    public static final int MAX_PROMPT_CHARS = 4096;

    public TranscriptionRequest {
        Objects.requireNonNull(audio, "audio");
        if (audio.isEmpty()) {
            throw VoiceException.invalid("the audio file is empty", "file");
        }
        language = Language.normalize(language);
        prompt = prompt == null ? "" : prompt;
        if (prompt.length() > MAX_PROMPT_CHARS) {
            throw VoiceException.invalid("prompt is longer than " + MAX_PROMPT_CHARS + " characters", "prompt");
        }
        timestampDetail = timestampDetail == null ? TimestampDetail.NONE : timestampDetail;
        modelHint = modelHint == null ? Optional.empty() : modelHint.filter(m -> !m.isBlank());
    }

    public static TranscriptionRequest of(Audio audio) {
        return new TranscriptionRequest(audio, Language.AUTO, "", TimestampDetail.NONE, Optional.empty());
    }

    public TranscriptionRequest withAudio(Audio newAudio) {
        return new TranscriptionRequest(newAudio, language, prompt, timestampDetail, modelHint);
    }

    public TranscriptionRequest withLanguage(String newLanguage) {
        return new TranscriptionRequest(audio, newLanguage, prompt, timestampDetail, modelHint);
    }

    public TranscriptionRequest withModelHint(Optional<String> newModelHint) {
        return new TranscriptionRequest(audio, language, prompt, timestampDetail, newModelHint);
    }

    public TranscriptionRequest withTimestampDetail(TimestampDetail detail) {
        return new TranscriptionRequest(audio, language, prompt, detail, modelHint);
    }

    public TranscriptionRequest withPrompt(String newPrompt) {
        return new TranscriptionRequest(audio, language, newPrompt, timestampDetail, modelHint);
    }
}
