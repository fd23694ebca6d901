package io.voiceplatform.core.pipeline;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.Language;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.core.audio.AudioFormatDetector;
import io.voiceplatform.core.config.LimitSettings;

import java.util.Arrays;
import java.util.Optional;

/**
 * Checks a request against the platform's limits before any provider sees it, and fills in what the
 * configuration decides (the default language, the real audio format).
 */
final class RequestValidator {
    private final LimitSettings limits;

    RequestValidator(LimitSettings limits) {
        this.limits = limits;
    }

    TranscriptionRequest validate(TranscriptionRequest request) {
        Audio audio = request.audio();
        if (audio.size() > limits.maxAudioBytes()) {
            throw VoiceException.invalid(String.format("the audio is %.1f MB, over the %d MB limit",
                    audio.size() / 1048576.0, limits.maxAudioBytes() / 1048576), "file");
        }
        byte[] head = new byte[Math.min(audio.size(), AudioFormatDetector.HEAD_BYTES)];
        audio.asByteBuffer().get(head);
        Optional<AudioFormat> detected = AudioFormatDetector.detect(head);
        AudioFormat declared = audio.format();
        if (detected.isEmpty() && declared != AudioFormat.PCM) {
            throw VoiceException.invalid("the file is not audio in a supported format (supported: "
                    + Arrays.stream(AudioFormat.values()).map(AudioFormat::id).toList() + ")", "file");
        }
        if (detected.isPresent() && detected.get() != declared) {
            if (!isOgg(declared) || !isOgg(detected.get())) {
                throw VoiceException.invalid("the file was declared as " + declared.id()
                        + " but its bytes are " + detected.get().id(), "file");
            }
            // A name says "ogg"; the first packet says which codec: the bytes win.
            request = request.withAudio(audio.withFormat(detected.get()));
        }
        if (Language.AUTO.equals(request.language()) && !Language.AUTO.equals(limits.defaultLanguage())) {
            return request.withLanguage(limits.defaultLanguage());
        }
        return request;
    }

    private static boolean isOgg(AudioFormat format) {
        return format == AudioFormat.OGG_OPUS || format == AudioFormat.OGG_VORBIS;
    }

    SpeechRequest validate(SpeechRequest request) {
        int chars = request.text().codePointCount(0, request.text().length());
        if (chars > limits.maxTextChars()) {
            throw VoiceException.invalid("input is " + chars + " characters, over the limit of "
                    + limits.maxTextChars(), "input");
        }
        SpeechRequest speakable = request.withText(SpeakableText.of(request.text()));
        if (Language.AUTO.equals(speakable.language()) && !Language.AUTO.equals(limits.defaultLanguage())
                && speakable.voice().isEmpty()) {
            return speakable.withLanguage(limits.defaultLanguage());
        }
        return speakable;
    }
}
