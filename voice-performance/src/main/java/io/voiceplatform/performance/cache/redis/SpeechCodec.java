package io.voiceplatform.performance.cache.redis;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.SynthesizedSpeech;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** Every field of a {@link SynthesizedSpeech}: the audio bytes, their format, sample rate and channels, duration, provider. */
public final class SpeechCodec implements ValueCodec<SynthesizedSpeech> {
    private static final Logger LOG = LoggerFactory.getLogger(SpeechCodec.class);
    private static final byte KIND = 'S';
    private static final byte VERSION = 2;

    @Override
    public byte[] encode(SynthesizedSpeech speech) {
        Audio audio = speech.audio();
        return new ValueOutput(KIND, VERSION, audio.size())
                .string(audio.format().id()).int32(audio.sampleRate().orElse(0)).int32(audio.channels().orElse(0))
                .duration(speech.duration()).string(speech.provider())
                .bytes(audio.toByteArray())
                .toByteArray();
    }

    @Override
    public Optional<SynthesizedSpeech> decode(byte[] value) {
        try {
            ValueInput in = new ValueInput(value, KIND, VERSION);
            String formatId = in.string();
            AudioFormat format = Arrays.stream(AudioFormat.values()).filter(f -> f.id().equals(formatId)).findFirst()
                    .orElseThrow(() -> new ValueInput.CorruptValueException("an unknown audio format " + formatId));
            int sampleRate = in.int32();
            int channels = in.int32();
            Duration duration = in.duration();
            String provider = in.string();
            SynthesizedSpeech speech = new SynthesizedSpeech(Audio.of(in.bytes(), format, sampleRate, channels), duration, provider);
            in.end();
            return Optional.of(speech);
        } catch (ValueInput.CorruptValueException | RuntimeException e) {
            LOG.debug("Shared speech could not be read, so it counts as a miss: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
