package io.voiceplatform.providers.deepgram;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.HealthProbe;
import io.voiceplatform.api.Language;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TimestampDetail;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.providers.support.HttpUrls;
import io.voiceplatform.providers.support.PcmAudio;
import io.voiceplatform.providers.support.ProviderHttp;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Transcribes with {@code POST {base}/v1/listen}: the audio as the raw body with its media type, options in
 * the query (https://developers.deepgram.com/reference/speech-to-text/listen-pre-recorded). Raw PCM is sent
 * inside a WAV header, since Deepgram reads the sample rate from the container.
 */
final class DeepgramSttProvider implements SttProvider {
    /** Deepgram takes files up to 2 GB. */
    static final long MAX_AUDIO_BYTES = 2L * 1024 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeepgramSettings settings;
    private final ProviderHttp http;
    private final ProviderCapabilities capabilities;

    DeepgramSttProvider(DeepgramSettings settings, ProviderHttp http) {
        this.settings = settings;
        this.http = http;
        this.capabilities = ProviderCapabilities.builder()
                .languages(DeepgramLanguages.CODES.toArray(String[]::new))
                .inputFormats(AudioFormat.WAV, AudioFormat.MP3, AudioFormat.OGG_OPUS, AudioFormat.FLAC, AudioFormat.WEBM,
                        AudioFormat.M4A, AudioFormat.PCM)
                .models(settings.sttModels().toArray(String[]::new))
                .maxAudioBytes(MAX_AUDIO_BYTES)
                .build();
    }

    @Override
    public String id() {
        return DeepgramPlugin.ID;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public CompletionStage<Transcript> transcribe(TranscriptionRequest request) {
        Optional<String> language = Language.AUTO.equals(request.language()) ? Optional.empty()
                : DeepgramLanguages.code(request.language());
        if (!Language.AUTO.equals(request.language()) && language.isEmpty()) {
            return CompletableFuture.failedFuture(VoiceException.unsupported(id(),
                    "Deepgram has no model for language " + request.language()));
        }
        if (!capabilities.inputFormats().contains(request.audio().format())) {
            return CompletableFuture.failedFuture(VoiceException.unsupported(id(),
                    "Deepgram does not take " + request.audio().format().id() + " audio"));
        }
        String model = request.modelHint().filter(settings.sttModels()::contains).orElse(settings.defaultSttModel());
        Audio audio = request.audio().format() == AudioFormat.PCM ? PcmAudio.toWav(request.audio()) : request.audio();
        HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/v1/listen?" + query(model, language, request.timestampDetail())))
                .header("Content-Type", audio.format().mediaType())
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(audio.toByteArray()));
        return http.send(call, body -> DeepgramTranscriptReader.read(JSON.readTree(body), request.timestampDetail(),
                language.isPresent() ? request.language() : Language.AUTO, model));
    }

    /** Model, language (or detection), punctuation and smart formatting; utterances when segments are wanted. */
    private static String query(String model, Optional<String> language, TimestampDetail detail) {
        return "model=" + HttpUrls.encode(model)
                + language.map(code -> "&language=" + HttpUrls.encode(code)).orElse("&detect_language=true")
                + "&punctuate=true&smart_format=true"
                + (detail == TimestampDetail.SEGMENT ? "&utterances=true" : "");
    }

    @Override
    public CompletionStage<HealthProbe> checkHealth() {
        return CompletableFuture.completedFuture(http.health());
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "DeepgramSttProvider[" + settings.baseUrl() + ", models " + settings.sttModels() + "]";
    }
}
