package io.voiceplatform.providers.local;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.audio.AudioPlayer;
import com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory;

import javax.sound.sampled.AudioFormat;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * FreeTTS's diphone voices, synthesizing into memory (never to a sound card). Not thread-safe: the
 * provider calls it from one thread only.
 */
final class FreeTtsSynthesizer implements AutoCloseable {
    private final Map<String, Voice> voices;

    FreeTtsSynthesizer() {
        this.voices = Arrays.stream(new KevinVoiceDirectory().getVoices())
                .collect(Collectors.toMap(Voice::getName, Function.identity()));
        voices.values().forEach(Voice::allocate);
    }

    List<String> voiceNames() {
        return voices.keySet().stream().sorted().toList();
    }

    /** @param speed 1.0 is the voice's normal rate */
    Pcm16 speak(String voiceName, String text, double speed) {
        Voice voice = voices.get(voiceName);
        if (voice == null) {
            throw new IllegalArgumentException("no FreeTTS voice " + voiceName);
        }
        float normalRate = voice.getRate();
        MemoryPlayer player = new MemoryPlayer();
        voice.setAudioPlayer(player);
        voice.setRate((float) (normalRate * speed));
        try {
            voice.speak(text);
        } finally {
            voice.setRate(normalRate);
        }
        return player.pcm();
    }

    @Override
    public void close() {
        voices.values().forEach(Voice::deallocate);
    }

    /** Collects what FreeTTS plays; its format is signed 16-bit, mono, big- or little-endian. */
    private static final class MemoryPlayer implements AudioPlayer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private AudioFormat format = new AudioFormat(16_000, 16, 1, true, true);
        private float volume = 1f;

        Pcm16 pcm() {
            byte[] raw = bytes.toByteArray();
            short[] samples = new short[raw.length / 2];
            for (int i = 0; i < samples.length; i++) {
                int hi = format.isBigEndian() ? raw[2 * i] : raw[2 * i + 1];
                int lo = format.isBigEndian() ? raw[2 * i + 1] : raw[2 * i];
                samples[i] = (short) ((hi << 8) | (lo & 0xFF));
            }
            return new Pcm16(samples, Math.round(format.getSampleRate()));
        }

        @Override
        public void setAudioFormat(AudioFormat audioFormat) {
            this.format = audioFormat;
        }

        @Override
        public AudioFormat getAudioFormat() {
            return format;
        }

        @Override
        public boolean write(byte[] audio) {
            return write(audio, 0, audio.length);
        }

        @Override
        public boolean write(byte[] audio, int offset, int length) {
            bytes.write(audio, offset, length);
            return true;
        }

        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }

        @Override
        public void reset() {
        }

        @Override
        public boolean drain() {
            return true;
        }

        @Override
        public void begin(int size) {
        }

        @Override
        public boolean end() {
            return true;
        }

        @Override
        public void cancel() {
        }

        @Override
        public void close() {
        }

        @Override
        public float getVolume() {
            return volume;
        }

        @Override
        public void setVolume(float volume) {
            this.volume = volume;
        }

        @Override
        public long getTime() {
            return 0;
        }

        @Override
        public void resetTime() {
        }

        @Override
        public void startFirstSampleTimer() {
        }

        @Override
        public void showMetrics() {
        }
    }
}
