package com.example.voice.echo;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.TtsProvider;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** "Speaks" a tone: 60 ms per character, as a real 16 kHz mono WAV. */
final class EchoTts implements TtsProvider {
    private static final int RATE = 16_000;
    private final int hertz;

    EchoTts(int hertz) {
        this.hertz = hertz;
    }

    @Override
    public String id() {
        return EchoPlugin.ID;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return ProviderCapabilities.builder().outputFormats(AudioFormat.WAV).voices("tone", "alloy").models("tone-1")
                .maxTextChars(1000).build();
    }

    @Override
    public CompletionStage<SynthesizedSpeech> synthesize(SpeechRequest request) {
        int samples = (int) (request.text().length() * 0.06 * RATE / request.speed());
        ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(RATE * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            wav.putShort((short) (Math.sin(2 * Math.PI * hertz * i / RATE) * 8000));
        }
        return CompletableFuture.completedFuture(new SynthesizedSpeech(Audio.of(wav.array(), AudioFormat.WAV, RATE, 1),
                Duration.ofMillis(samples * 1000L / RATE), id()));
    }

    @Override
    public void close() {
    }
}
