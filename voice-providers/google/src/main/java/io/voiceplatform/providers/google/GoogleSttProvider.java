package io.voiceplatform.providers.google;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.HealthProbe;
import io.voiceplatform.api.Language;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TimestampDetail;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.providers.support.ProviderHttp;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Transcribes with Speech-to-Text v1 synchronous recognition, {@code POST {stt-base-url}/v1/speech:recognize}
 * with {@code {"config": {...}, "audio": {"content": <base64>}}}
 * (https://cloud.google.com/speech-to-text/docs/reference/rest/v1/speech/recognize). v1 does not detect the
 * language, so {@code auto} is transcribed as the configured default language.
 */
final class GoogleSttProvider implements SttProvider {
    /** Synchronous recognition takes at most one minute of audio. */
    static final Duration MAX_DURATION = Duration.ofMinutes(1);
    /** Its 10 MB limit counts the request's content, which base64 makes a third larger than the audio. */
    static final long MAX_AUDIO_BYTES = 10L * 1024 * 1024 * 3 / 4;
    /** The v1 recognition models (https://cloud.google.com/speech-to-text/docs/transcription-model). */
    static final List<String> MODELS = List.of("default", "latest_long", "latest_short", "command_and_search", "phone_call",
            "video", "medical_dictation", "medical_conversation");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/v1/speech:recognize";

    private final GoogleSettings settings;
    private final ProviderHttp http;
    private final ProviderCapabilities capabilities;

    GoogleSttProvider(GoogleSettings settings, ProviderHttp http) {
        this.settings = settings;
        this.http = http;
        Set<String> models = new LinkedHashSet<>();
        models.add(settings.sttModel());
        models.addAll(MODELS);
        this.capabilities = ProviderCapabilities.builder()
                .languages(settings.sttLanguages().toArray(String[]::new))
                .inputFormats(RecognitionAudio.FORMATS.toArray(AudioFormat[]::new))
                .models(models.toArray(String[]::new))
                .maxAudioBytes(MAX_AUDIO_BYTES)
                .build();
    }

    @Override
    public String id() {
        return GooglePlugin.ID;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public CompletionStage<Transcript> transcribe(TranscriptionRequest request) {
        Optional<String> locale = Language.AUTO.equals(request.language()) ? Optional.of(settings.defaultLanguage())
                : GoogleLanguages.find(settings.sttLanguages(), request.language());
        if (locale.isEmpty()) {
            return unsupported("Google is not configured to transcribe " + request.language());
        }
        if (request.audio().size() > MAX_AUDIO_BYTES) {
            return unsupported("Google's synchronous recognition takes at most " + MAX_AUDIO_BYTES + " bytes of audio");
        }
        RecognitionAudio audio;
        try {
            audio = RecognitionAudio.of(request.audio());
        } catch (VoiceException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (audio.duration().compareTo(MAX_DURATION) > 0) {
            return unsupported("Google's synchronous recognition takes at most one minute of audio, not " + audio.duration());
        }
        String model = request.modelHint().filter(capabilities.models()::contains).orElse(settings.sttModel());
        ObjectNode body = body(audio, GoogleLanguages.sttCode(locale.get()), model, request);
        return http.send(GooglePlugin.post(URI.create(settings.sttBaseUrl() + PATH), body),
                answer -> GoogleTranscriptReader.read(JSON.readTree(answer), request.timestampDetail(), locale.get(), model, audio.duration()));
    }

    /** The recognize request: encoding, rate and channels of the clip, language, model, punctuation, the audio. */
    private static ObjectNode body(RecognitionAudio audio, String languageCode, String model, TranscriptionRequest request) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode config = body.putObject("config")
                .put("encoding", audio.encoding())
                .put("sampleRateHertz", audio.sampleRateHertz())
                .put("audioChannelCount", audio.channels())
                .put("languageCode", languageCode)
                .put("model", model)
                .put("enableAutomaticPunctuation", true);
        if (request.timestampDetail() == TimestampDetail.WORD) {
            config.put("enableWordTimeOffsets", true);
        }
        body.putObject("audio").put("content", Base64.getEncoder().encodeToString(request.audio().toByteArray()));
        return body;
    }

    private CompletableFuture<Transcript> unsupported(String message) {
        return CompletableFuture.failedFuture(VoiceException.unsupported(id(), message));
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
        return "GoogleSttProvider[" + settings.sttBaseUrl() + ", model " + settings.sttModel() + ", default language "
                + settings.defaultLanguage() + "]";
    }
}
