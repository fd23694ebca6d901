package io.voiceplatform.providers.elevenlabs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.HealthProbe;
import io.voiceplatform.api.Language;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.providers.support.MultipartForm;
import io.voiceplatform.providers.support.PcmAudio;
import io.voiceplatform.providers.support.ProviderHttp;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Transcribes with Scribe: {@code POST {base}/v1/speech-to-text}, multipart with the {@code file},
 * {@code model_id}, {@code language_code} when one is asked for, word timestamps (they also give the
 * duration) and no audio-event tags in the text (https://elevenlabs.io/docs/api-reference/speech-to-text/convert).
 * Raw PCM is sent inside a WAV header.
 */
final class ElevenLabsSttProvider implements SttProvider {
    /** ElevenLabs takes files up to 1 GB. */
    static final long MAX_AUDIO_BYTES = 1024L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ElevenLabsSettings settings;
    private final ProviderHttp http;
    private final ProviderCapabilities capabilities;

    ElevenLabsSttProvider(ElevenLabsSettings settings, ProviderHttp http) {
        this.settings = settings;
        this.http = http;
        this.capabilities = ProviderCapabilities.builder()
                .languages(ElevenLabsLanguages.TRANSCRIPTION.toArray(String[]::new))
                .inputFormats(AudioFormat.WAV, AudioFormat.MP3, AudioFormat.OGG_OPUS, AudioFormat.FLAC, AudioFormat.WEBM,
                        AudioFormat.M4A, AudioFormat.PCM)
                .models(settings.sttModels().toArray(String[]::new))
                .maxAudioBytes(MAX_AUDIO_BYTES)
                .build();
    }

    @Override
    public String id() {
        return ElevenLabsPlugin.ID;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public CompletionStage<Transcript> transcribe(TranscriptionRequest request) {
        boolean auto = Language.AUTO.equals(request.language());
        Optional<String> language = auto ? Optional.empty() : ElevenLabsLanguages.transcriptionCode(request.language());
        if (!auto && language.isEmpty()) {
            return CompletableFuture.failedFuture(VoiceException.unsupported(id(),
                    "ElevenLabs Scribe does not transcribe " + request.language()));
        }
        if (!capabilities.inputFormats().contains(request.audio().format())) {
            return CompletableFuture.failedFuture(VoiceException.unsupported(id(),
                    "ElevenLabs does not take " + request.audio().format().id() + " audio"));
        }
        String model = request.modelHint().filter(settings.sttModels()::contains).orElse(settings.sttModels().get(0));
        Audio audio = request.audio().format() == AudioFormat.PCM ? PcmAudio.toWav(request.audio()) : request.audio();
        MultipartForm form = new MultipartForm()
                .file("file", "audio." + audio.format().id(), audio.format().mediaType(), audio.asByteBuffer())
                .field("model_id", model);
        language.ifPresent(code -> form.field("language_code", code));
        form.field("timestamps_granularity", "word").field("tag_audio_events", "false");
        HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/v1/speech-to-text"))
                .header("Content-Type", form.contentType())
                .header("Accept", "application/json")
                .POST(form.publisher());
        return http.send(call, body -> ElevenLabsTranscriptReader.read(JSON.readTree(body), request.timestampDetail(),
                auto ? Language.AUTO : request.language(), model));
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
        return "ElevenLabsSttProvider[" + settings.baseUrl() + ", models " + settings.sttModels() + "]";
    }
}
