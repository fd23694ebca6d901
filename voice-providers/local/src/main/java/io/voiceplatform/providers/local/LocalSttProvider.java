package io.voiceplatform.providers.local;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.HealthProbe;
import io.voiceplatform.api.Language;
import io.voiceplatform.api.PcmFormat;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TimedText;
import io.voiceplatform.api.TimestampDetail;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.VoiceException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Offline speech recognition with Sphinx4. It takes 16 kHz mono PCM (the platform decodes every other format
 * into it); a long recording is cut at its pauses and the pieces are recognized in parallel, one recognizer per
 * engine thread, their words timed from the start of the recording. Cancelling a transcription stops its pieces.
 */
final class LocalSttProvider implements SttProvider {
    static final String MODEL = "sphinx4";
    private static final String LANGUAGE = "en-US";
    private static final PcmFormat INPUT = PcmFormat.mono(SphinxRecognizer.SAMPLE_RATE);

    private final RecognizerPool pool;
    private final SpeechPieces pieces;
    private final ProviderCapabilities capabilities;

    /**
     * @param realTimeFactor seconds one recognizer takes per second of audio, at worst; the provider declares it
     *                       divided by the recognizers that share a long recording
     */
    LocalSttProvider(String grammar, int recognizers, Duration maxAudio, double realTimeFactor, double pieceSeconds) {
        this.pool = new RecognizerPool(grammar, recognizers);
        this.pieces = new SpeechPieces(pieceSeconds / 2, pieceSeconds);
        this.capabilities = ProviderCapabilities.builder()
                .languages(LANGUAGE)
                .inputFormats(AudioFormat.PCM)
                .pcmInput(INPUT)
                .models(MODEL)
                .maxAudioBytes(Long.MAX_VALUE)
                .maxAudioDuration(maxAudio)
                .realTimeFactor(realTimeFactor / recognizers)
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
    public CompletionStage<Transcript> transcribe(TranscriptionRequest request) {
        if (!Language.matches(LANGUAGE, request.language())) {
            return CompletableFuture.failedFuture(VoiceException.unsupported(id(), "the embedded model knows US English only, not "
                    + request.language()));
        }
        Audio audio = request.audio();
        if (audio.format() != AudioFormat.PCM || audio.sampleRate().orElse(0) != INPUT.sampleRate() || audio.channels().orElse(0) != 1) {
            return CompletableFuture.failedFuture(VoiceException.unsupported(id(), "the embedded recognizer takes 16 kHz mono PCM, not "
                    + audio));
        }
        Pcm16 pcm = Pcm16.fromLittleEndian(audio.toByteArray(), INPUT.sampleRate());
        AtomicBoolean cancelled = new AtomicBoolean();
        List<CompletableFuture<List<SphinxRecognizer.Utterance>>> recognized = pieces.split(pcm).stream()
                .map(piece -> pool.recognize(piece, cancelled::get)).toList();
        CompletableFuture<Transcript> result = CompletableFuture.allOf(recognized.toArray(CompletableFuture[]::new))
                .thenApply(done -> transcript(recognized, request.timestampDetail(), pcm.seconds()));
        // One piece failing, or the caller giving up, stops the others.
        recognized.forEach(piece -> piece.whenComplete((value, error) -> {
            if (error != null) {
                cancelled.set(true);
            }
        }));
        result.whenComplete((value, error) -> {
            if (error != null) {
                cancelled.set(true);
            }
        });
        return result;
    }

    private Transcript transcript(List<CompletableFuture<List<SphinxRecognizer.Utterance>>> recognized, TimestampDetail detail,
                                  double seconds) {
        List<SphinxRecognizer.Utterance> utterances = new ArrayList<>();
        recognized.forEach(piece -> utterances.addAll(piece.join()));
        String text = String.join(" ", utterances.stream().map(SphinxRecognizer.Utterance::text).toList());
        List<TimedText> segments = detail != TimestampDetail.NONE
                ? utterances.stream().map(SphinxRecognizer.Utterance::segment).toList() : List.of();
        List<TimedText> words = detail == TimestampDetail.WORD ? utterances.stream().flatMap(u -> u.words().stream()).toList() : List.of();
        return new Transcript(text, LANGUAGE, OptionalDouble.empty(), Duration.ofMillis(Math.round(seconds * 1000)),
                segments, words, id(), MODEL);
    }

    @Override
    public CompletionStage<HealthProbe> checkHealth() {
        String failure = pool.loadFailure();
        return CompletableFuture.completedFuture(failure == null ? HealthProbe.healthy() : HealthProbe.unhealthy(failure));
    }

    @Override
    public void close() {
        pool.close();
    }
}
