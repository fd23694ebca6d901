package io.voiceplatform.app.openai;

import io.voiceplatform.api.AudioFormat;

import java.util.Map;
import java.util.Optional;

/** OpenAI's speech {@code response_format} names and the platform's formats behind them. */
final class SpeechFormat {
    static final Map<String, AudioFormat> BY_NAME = Map.of(
            "mp3", AudioFormat.MP3,
            "opus", AudioFormat.OGG_OPUS,
            "aac", AudioFormat.AAC,
            "flac", AudioFormat.FLAC,
            "wav", AudioFormat.WAV,
            "pcm", AudioFormat.PCM);

    private SpeechFormat() {
    }

    static Optional<AudioFormat> parse(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
