package io.voiceplatform.providers.azure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.HealthProbe;
import io.voiceplatform.api.Language;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.providers.support.HttpUrls;
import io.voiceplatform.providers.support.PcmAudio;
import io.voiceplatform.providers.support.ProviderHttp;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Recognizes short audio with {@code POST {stt}/speech/recognition/conversation/cognitiveservices/v1?language=..&format=detailed}
 * (https://learn.microsoft.com/azure/ai-services/speech-service/rest-speech-to-text-short). The service takes
 * 16 kHz mono PCM WAV or Ogg Opus, at most 60 seconds: WAV and raw PCM are converted here, off the caller's
 * thread; other formats are declared unsupported so the orchestrator skips Azure for them.
 */
final class AzureSttProvider implements SttProvider {
    static final Duration MAX_DURATION = Duration.ofSeconds(60);
    static final int SAMPLE_RATE = 16_000;
    /** 60 seconds of 48 kHz stereo 32-bit audio, the largest WAV worth converting, plus room for its header. */
    static final long MAX_AUDIO_BYTES = 60L * 48_000 * 2 * 4 + 4096;
    private static final String PATH = "/speech/recognition/conversation/cognitiveservices/v1";
    private static final String WAV_16K = "audio/wav; codecs=audio/pcm; samplerate=16000";
    private static final String OGG_OPUS = "audio/ogg; codecs=opus";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AzureSettings settings;
    private final ProviderHttp http;
    private final ProviderCapabilities capabilities;
    /** Converts audio; its threads exist only while there is work. */
    private final ThreadPoolExecutor conversions = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            runnable -> {
                Thread thread = new Thread(runnable, "azure-stt-audio");
                thread.setDaemon(true);
                return thread;
            });

    AzureSttProvider(AzureSettings settings, ProviderHttp http) {
        this.settings = settings;
        this.http = http;
        conversions.allowCoreThreadTimeOut(true);
        this.capabilities = ProviderCapabilities.builder()
                .languages(settings.sttLocales().locales().toArray(String[]::new))
                .inputFormats(AudioFormat.WAV, AudioFormat.PCM, AudioFormat.OGG_OPUS)
                .maxAudioBytes(MAX_AUDIO_BYTES)
                .build();
    }

    @Override
    public String id() {
        return AzurePlugin.ID;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public CompletionStage<Transcript> transcribe(TranscriptionRequest request) {
        String tag = Language.AUTO.equals(request.language()) ? settings.sttDefaultLanguage() : request.language();
        Optional<String> locale = settings.sttLocales().localeFor(tag);
        if (locale.isEmpty()) {
            return unsupported("Azure is not set up to recognize " + request.language() + " (see stt-languages)");
        }
        AudioFormat format = request.audio().format();
        if (!capabilities.inputFormats().contains(format)) {
            return unsupported("Azure short-audio recognition takes WAV, raw PCM or Ogg Opus, not " + format.id());
        }
        if (request.audio().size() > MAX_AUDIO_BYTES) {
            return unsupported("Azure short-audio recognition takes at most " + MAX_AUDIO_BYTES + " bytes");
        }
        if (format == AudioFormat.OGG_OPUS) {
            Optional<Duration> length = OggOpusDuration.of(request.audio().asByteBuffer());
            if (length.isPresent() && length.get().compareTo(MAX_DURATION) > 0) {
                return tooLong(length.get());
            }
            return recognize(request, locale.get(), request.audio(), OGG_OPUS, length.orElse(Duration.ZERO));
        }
        CompletableFuture<Transcript> result = new CompletableFuture<>();
        AtomicReference<Future<?>> step = new AtomicReference<>();
        CompletableFuture<Audio> conversion;
        try {
            conversion = CompletableFuture.supplyAsync(() -> toWav16kMono(request.audio()), conversions);
        } catch (RejectedExecutionException closed) {
            return CompletableFuture.failedFuture(VoiceException.of(ErrorKind.UNAVAILABLE, id(), "the Azure provider is closed", closed));
        }
        step.set(conversion);
        conversion.thenCompose(wav -> {
            Duration duration = PcmAudio.duration(wav);
            if (duration.compareTo(MAX_DURATION) > 0) {
                return tooLong(duration);
            }
            CompletableFuture<Transcript> call = recognize(request, locale.get(), wav, WAV_16K, duration);
            step.set(call);
            if (result.isCancelled()) {
                call.cancel(true); // cancelled while the call was being started: the listener below saw the old step
            }
            return call;
        }).whenComplete((transcript, failure) -> {
            if (failure == null) {
                result.complete(transcript);
            } else {
                result.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
            }
        });
        // Cancelling the transcription stops the conversion or abandons the call, whichever is under way.
        result.whenComplete((transcript, failure) -> {
            if (result.isCancelled()) {
                step.get().cancel(true);
            }
        });
        return result;
    }

    private CompletableFuture<Transcript> recognize(TranscriptionRequest request, String locale, Audio audio,
                                                    String contentType, Duration duration) {
        HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(settings.sttBaseUrl() + PATH + "?language="
                        + HttpUrls.encode(locale) + "&format=detailed"))
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(audio.toByteArray()));
        return http.send(call, body -> AzureTranscriptReader.read(JSON.readTree(body), request.timestampDetail(), locale, duration));
    }

    private static Audio toWav16kMono(Audio audio) {
        try {
            return PcmAudio.toWav16kMono(audio);
        } catch (IllegalArgumentException e) {
            throw VoiceException.unsupported(AzurePlugin.ID, "Azure needs 16 kHz mono PCM, and this audio cannot be converted: " + e.getMessage());
        }
    }

    private static <T> CompletableFuture<T> tooLong(Duration duration) {
        return unsupported("Azure short-audio recognition takes at most " + MAX_DURATION.toSeconds()
                + " seconds of audio, this is " + duration.toMillis() / 1000.0);
    }

    private static <T> CompletableFuture<T> unsupported(String message) {
        return CompletableFuture.failedFuture(VoiceException.unsupported(AzurePlugin.ID, message));
    }

    @Override
    public CompletionStage<HealthProbe> checkHealth() {
        return CompletableFuture.completedFuture(http.health());
    }

    @Override
    public void close() {
        http.close();
        conversions.shutdownNow();
    }

    @Override
    public String toString() {
        return "AzureSttProvider[" + settings.sttBaseUrl() + ", default " + settings.sttDefaultLanguage() + "]";
    }
}
