package io.voiceplatform.providers.local;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.HealthProbe;
import io.voiceplatform.api.Language;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.VoiceException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/** Offline speech synthesis with FreeTTS, on the engine's own thread. */
final class LocalTtsProvider implements TtsProvider {
    static final String MODEL = "freetts";
    private static final String LANGUAGE = "en-US";
    /** OpenAI clients always name one of these; they all map onto the default voice here. */
    static final Set<String> OPENAI_VOICES = Set.of("alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova",
            "sage", "shimmer", "verse");

    private final String defaultVoice;
    private final ExecutorService engine = EngineThread.named("voice-local-tts");
    private final FreeTtsSynthesizer synthesizer;
    private final ProviderCapabilities capabilities;

    LocalTtsProvider(String defaultVoice) {
        this.synthesizer = CompletableFuture.supplyAsync(FreeTtsSynthesizer::new, engine).join();
        if (!synthesizer.voiceNames().contains(defaultVoice)) {
            close();
            throw new IllegalArgumentException("voice.providers.local.voice = '" + defaultVoice + "' is not one of "
                    + synthesizer.voiceNames());
        }
        this.defaultVoice = defaultVoice;
        List<String> voices = new ArrayList<>(synthesizer.voiceNames());
        voices.addAll(OPENAI_VOICES);
        this.capabilities = ProviderCapabilities.builder()
                .languages(LANGUAGE)
                // The platform makes pcm (24 kHz), opus, aac and flac from the WAV.
                .outputFormats(AudioFormat.WAV, AudioFormat.MP3)
                .voices(voices.toArray(String[]::new))
                .models(MODEL)
                .maxTextChars(5000)
                .build();
    }

    @Override
    public String id() {
        return LocalProviderPlugin.ID;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public CompletionStage<SynthesizedSpeech> synthesize(SpeechRequest request) {
        if (!Language.matches(LANGUAGE, request.language())) {
            return CompletableFuture.failedFuture(VoiceException.unsupported(id(), "the embedded voices speak US English only"));
        }
        String voice = request.voice().map(v -> v.toLowerCase(Locale.ROOT))
                .map(v -> OPENAI_VOICES.contains(v) ? defaultVoice : v).orElse(defaultVoice);
        if (!synthesizer.voiceNames().contains(voice)) {
            return CompletableFuture.failedFuture(VoiceException.unsupported(id(), "no voice '" + voice + "'"));
        }
        try {
            return CompletableFuture.supplyAsync(() -> speak(request, voice), engine);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(VoiceException.of(ErrorKind.UNAVAILABLE, id(), "the provider is closed", e));
        }
    }

    private SynthesizedSpeech speak(SpeechRequest request, String voice) {
        Pcm16 pcm = synthesizer.speak(voice, request.text(), request.speed());
        Audio audio = switch (request.outputFormat()) {
            case WAV -> Audio.of(WavWriter.write(pcm), AudioFormat.WAV, pcm.sampleRate(), 1);
            case MP3 -> Audio.of(Mp3Encoder.encode(pcm), AudioFormat.MP3, pcm.sampleRate(), 1);
            default -> throw VoiceException.unsupported(id(), "cannot produce " + request.outputFormat().id());
        };
        return new SynthesizedSpeech(audio, Duration.ofMillis(Math.round(pcm.seconds() * 1000)), id());
    }

    @Override
    public CompletionStage<HealthProbe> checkHealth() {
        return CompletableFuture.completedFuture(HealthProbe.healthy());
    }

    @Override
    public void close() {
        engine.execute(() -> {
            if (synthesizer != null) {
                synthesizer.close();
            }
        });
        EngineThread.stop(engine);
    }
}
