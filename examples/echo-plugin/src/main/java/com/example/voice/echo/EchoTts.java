package com.example.voice.echo;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.providers.support.PcmAudio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
        ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            pcm.putShort((short) (Math.sin(2 * Math.PI * hertz * i / RATE) * 8000));
        }
        // voice-provider-support, which the platform shares with every plugin: the jar does not bundle it.
        Audio wav = PcmAudio.toWav(Audio.of(pcm.array(), AudioFormat.PCM, RATE, 1));
        return CompletableFuture.completedFuture(new SynthesizedSpeech(wav, PcmAudio.duration(wav), id()));
    }

    @Override
    public void close() {
    }
}
