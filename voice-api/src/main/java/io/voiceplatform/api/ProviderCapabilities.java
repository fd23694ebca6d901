package io.voiceplatform.api;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
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
 * @param pcmInput        the PCM that a provider taking {@link AudioFormat#PCM} or {@link AudioFormat#WAV} wants
 *                        recordings of other formats decoded into; empty keeps the recording's own rate and channels
 *                        (since SPI 1.1)
 * @param maxAudioDuration longest audio accepted for transcription; {@link Duration#ZERO} means no limit of its own
 *                        (since SPI 1.1)
 * @param realTimeFactor  at most how many seconds of processing a transcription takes per second of audio, for a
 *                        provider whose time grows with the recording (an embedded engine); 0 when not declared. The
 *                        platform gives such a provider that much more time than the request's deadline, and its
 *                        timeouts do not count against its circuit (since SPI 1.1)
 */
public record ProviderCapabilities(Set<String> languages, Set<AudioFormat> inputFormats, Set<AudioFormat> outputFormats,
                                   Set<String> voices, List<String> models, boolean streaming,
                                   long maxAudioBytes, int maxTextChars, Optional<PcmFormat> pcmInput,
                                   Duration maxAudioDuration, double realTimeFactor) {
    public ProviderCapabilities {
        languages = Set.copyOf(new LinkedHashSet<>(languages));
        inputFormats = inputFormats.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(inputFormats));
        outputFormats = outputFormats.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(outputFormats));
        voices = Set.copyOf(voices);
        models = List.copyOf(models);
        if (maxAudioBytes < 0 || maxTextChars < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
        pcmInput = pcmInput == null ? Optional.empty() : pcmInput;
        maxAudioDuration = maxAudioDuration == null ? Duration.ZERO : maxAudioDuration;
        if (maxAudioDuration.isNegative()) {
            throw new IllegalArgumentException("maxAudioDuration must not be negative");
        }
        if (!(realTimeFactor >= 0 && realTimeFactor <= 1000)) {
            throw new IllegalArgumentException("realTimeFactor out of 0..1000: " + realTimeFactor);
        }
    }

    /** The capabilities of SPI 1.0: no PCM wish, no duration limit, no real-time factor. */
    public ProviderCapabilities(Set<String> languages, Set<AudioFormat> inputFormats, Set<AudioFormat> outputFormats,
                                Set<String> voices, List<String> models, boolean streaming,
                                long maxAudioBytes, int maxTextChars) {
        this(languages, inputFormats, outputFormats, voices, models, streaming, maxAudioBytes, maxTextChars,
                Optional.empty(), Duration.ZERO, 0);
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
        private PcmFormat pcmInput;
        private Duration maxAudioDuration = Duration.ZERO;
        private double realTimeFactor;

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

        /** The PCM that audio of other formats is decoded into for this provider. @since SPI 1.1 */
        public Builder pcmInput(PcmFormat format) {
            this.pcmInput = format;
            return this;
        }

        /** The longest audio the provider transcribes; longer recordings are refused before any call. @since SPI 1.1 */
        public Builder maxAudioDuration(Duration value) {
            this.maxAudioDuration = value;
            return this;
        }

        /** Seconds of processing a transcription may take per second of audio, at most. @since SPI 1.1 */
        public Builder realTimeFactor(double value) {
            this.realTimeFactor = value;
            return this;
        }

        public ProviderCapabilities build() {
            return new ProviderCapabilities(languages, inputFormats, outputFormats, voices, List.copyOf(models),
                    streaming, maxAudioBytes, maxTextChars, Optional.ofNullable(pcmInput), maxAudioDuration, realTimeFactor);
        }
    }
}
