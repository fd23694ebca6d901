package io.voiceplatform.api;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a provider can do. The orchestrator skips a provider whose capabilities do not cover a request,
 * before any call is made.
 *
 * @param languages       language tags served; empty means any language
 * @param inputFormats    audio formats accepted for transcription
 * @param outputFormats   audio formats produced by synthesis
 * @param voices          voice names offered; empty means the provider takes any name it is given
 * @param models          model names the provider offers, the default first
 * @param streaming       whether results can be delivered while they are produced
 * @param maxAudioBytes   largest audio accepted for transcription
 * @param maxTextChars    longest text accepted for synthesis
 */
public record ProviderCapabilities(Set<String> languages, Set<AudioFormat> inputFormats, Set<AudioFormat> outputFormats,
                                   Set<String> voices, List<String> models, boolean streaming,
                                   long maxAudioBytes, int maxTextChars) {
    public ProviderCapabilities {
        languages = Set.copyOf(new LinkedHashSet<>(languages));
        inputFormats = inputFormats.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(inputFormats));
        outputFormats = outputFormats.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(outputFormats));
        voices = Set.copyOf(voices);
        models = List.copyOf(models);
        if (maxAudioBytes < 0 || maxTextChars < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean supportsLanguage(String language) {
        return languages.isEmpty() || languages.stream().anyMatch(offered -> Language.matches(offered, language));
    }

    public boolean supportsVoice(String voice) {
        return voices.isEmpty() || voices.stream().anyMatch(v -> v.equalsIgnoreCase(voice));
    }

    /** Builder with no languages restriction, no formats, no limits (0 means nothing accepted). */
    public static final class Builder {
        private final Set<String> languages = new LinkedHashSet<>();
        private final Set<AudioFormat> inputFormats = EnumSet.noneOf(AudioFormat.class);
        private final Set<AudioFormat> outputFormats = EnumSet.noneOf(AudioFormat.class);
        private final Set<String> voices = new LinkedHashSet<>();
        private final Set<String> models = new LinkedHashSet<>();
        private boolean streaming;
        private long maxAudioBytes;
        private int maxTextChars;

        private Builder() {
        }

        public Builder languages(String... tags) {
            languages.addAll(List.of(tags));
            return this;
        }

        public Builder inputFormats(AudioFormat... formats) {
            inputFormats.addAll(List.of(formats));
            return this;
        }

        public Builder outputFormats(AudioFormat... formats) {
            outputFormats.addAll(List.of(formats));
            return this;
        }

        public Builder voices(String... names) {
            voices.addAll(List.of(names));
            return this;
        }

        public Builder models(String... names) {
            models.addAll(List.of(names));
            return this;
        }

        public Builder streaming(boolean value) {
            this.streaming = value;
            return this;
        }

        public Builder maxAudioBytes(long value) {
            this.maxAudioBytes = value;
            return this;
        }

        public Builder maxTextChars(int value) {
            this.maxTextChars = value;
            return this;
        }

        public ProviderCapabilities build() {
            return new ProviderCapabilities(languages, inputFormats, outputFormats, voices, List.copyOf(models),
                    streaming, maxAudioBytes, maxTextChars);
        }
    }
}
