package io.voiceplatform.providers.local;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.HealthProbe;
import io.voiceplatform.api.Language;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TimedText;
import io.voiceplatform.api.TimestampDetail;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.ErrorKind;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/** Offline speech recognition with Sphinx4; the model loads on first use, on the engine's own thread. */
final class LocalSttProvider implements SttProvider {
    static final String MODEL = "sphinx4";
    private static final String LANGUAGE = "en-US";

    private final String grammar;
    private final ExecutorService engine = EngineThread.named("voice-local-stt");
    private final ProviderCapabilities capabilities = ProviderCapabilities.builder()
            .languages(LANGUAGE)
            .inputFormats(AudioFormat.WAV, AudioFormat.PCM)
            .models(MODEL)
            .maxAudioBytes(25L * 1024 * 1024)
            .build();
    private SphinxRecognizer recognizer;
    private volatile String loadFailure;

    LocalSttProvider(String grammar) {
        this.grammar = grammar;
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
    public CompletionStage<Transcript> transcribe(TranscriptionRequest request) {
        if (!Language.matches(LANGUAGE, request.language())) {
            return CompletableFuture.failedFuture(VoiceException.unsupported(id(), "the embedded model knows US English only, not "
                    + request.language()));
        }
        try {
            return CompletableFuture.supplyAsync(() -> recognize(request), engine);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(VoiceException.of(ErrorKind.UNAVAILABLE, id(), "the provider is closed", e));
        }
    }

    private Transcript recognize(TranscriptionRequest request) {
        Pcm16 audio = decode(request.audio()).resample(SphinxRecognizer.SAMPLE_RATE);
        List<SphinxRecognizer.Utterance> utterances = recognizer().recognize(audio);
        String text = String.join(" ", utterances.stream().map(SphinxRecognizer.Utterance::text).toList());
        boolean timed = request.timestampDetail() != TimestampDetail.NONE;
        List<TimedText> segments = timed ? utterances.stream().map(SphinxRecognizer.Utterance::segment).toList() : List.of();
        List<TimedText> words = request.timestampDetail() == TimestampDetail.WORD
                ? utterances.stream().flatMap(u -> u.words().stream()).toList() : List.of();
        return new Transcript(text, LANGUAGE, OptionalDouble.empty(), Duration.ofMillis(Math.round(audio.seconds() * 1000)),
                segments, words, id(), MODEL);
    }

    private static Pcm16 decode(Audio audio) {
        if (audio.format() == AudioFormat.PCM) {
            Pcm16 interleaved = Pcm16.fromLittleEndian(audio.toByteArray(), audio.sampleRate().orElseThrow());
            int channels = audio.channels().orElse(1);
            if (channels == 1) {
                return interleaved;
            }
            short[] mono = new short[interleaved.samples().length / channels];
            for (int i = 0; i < mono.length; i++) {
                int sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += interleaved.samples()[i * channels + c];
                }
                mono[i] = (short) (sum / channels);
            }
            return new Pcm16(mono, interleaved.sampleRate());
        }
        return WavCodec.read(audio.toByteArray());
    }

    /** Runs on the engine thread only. */
    private SphinxRecognizer recognizer() {
        if (recognizer == null) {
            try {
                recognizer = new SphinxRecognizer(grammar);
            } catch (RuntimeException e) {
                loadFailure = "the Sphinx4 model failed to load: " + e.getMessage();
                throw VoiceException.of(ErrorKind.UNAVAILABLE, id(), loadFailure, e);
            }
        }
        return recognizer;
    }

    @Override
    public CompletionStage<HealthProbe> checkHealth() {
        String failure = loadFailure;
        return CompletableFuture.completedFuture(failure == null ? HealthProbe.healthy() : HealthProbe.unhealthy(failure));
    }

    @Override
    public void close() {
        EngineThread.stop(engine);
    }
}
