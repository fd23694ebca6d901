package io.voiceplatform.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.HealthProbe;
import io.voiceplatform.api.Language;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TimedText;
import io.voiceplatform.api.TimestampDetail;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.providers.support.MultipartForm;
import io.voiceplatform.providers.support.ProviderHttp;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code POST {base}/audio/transcriptions}, multipart. */
final class OpenAiSttProvider implements SttProvider {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAiSettings settings;
    private final ProviderHttp http;
    private final ProviderCapabilities capabilities;

    OpenAiSttProvider(OpenAiSettings settings, ProviderHttp http) {
        this.settings = settings;
        this.http = http;
        this.capabilities = ProviderCapabilities.builder()
                .inputFormats(AudioFormat.WAV, AudioFormat.MP3, AudioFormat.OGG_OPUS, AudioFormat.FLAC, AudioFormat.WEBM, AudioFormat.M4A)
                .models(settings.sttModel(), "whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe")
                .maxAudioBytes(25L * 1024 * 1024)
                .build();
    }

    @Override
    public String id() {
        return OpenAiPlugin.ID;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public CompletionStage<Transcript> transcribe(TranscriptionRequest request) {
        if (!capabilities.inputFormats().contains(request.audio().format())) {
            return CompletableFuture.failedFuture(VoiceException.unsupported(id(), "OpenAI does not take " + request.audio().format().id() + " audio"));
        }
        if (request.audio().size() > capabilities.maxAudioBytes()) {
            return CompletableFuture.failedFuture(VoiceException.unsupported(id(), "OpenAI takes at most 25 MB of audio"));
        }
        String model = request.modelHint().orElse(settings.sttModel());
        boolean timed = request.timestampDetail() != TimestampDetail.NONE;
        AudioFormat format = request.audio().format();
        MultipartForm form = new MultipartForm()
                .file("file", "audio." + extension(format), format.mediaType(), request.audio().asByteBuffer())
                .field("model", model)
                .field("response_format", timed ? "verbose_json" : "json");
        if (!Language.AUTO.equals(request.language())) {
            form.field("language", Language.primary(request.language()));
        }
        if (!request.prompt().isEmpty()) {
            form.field("prompt", request.prompt());
        }
        if (request.timestampDetail() == TimestampDetail.WORD) {
            form.field("timestamp_granularities[]", "word").field("timestamp_granularities[]", "segment");
        }
        return http.send(HttpRequest.newBuilder(settings.endpoint("audio/transcriptions"))
                .header("Content-Type", form.contentType()).POST(form.publisher()), answer -> parse(JSON.readTree(answer), model, request));
    }

    private Transcript parse(JsonNode body, String model, TranscriptionRequest request) {
        if (!body.path("text").isTextual()) {
            throw VoiceException.of(ErrorKind.PROVIDER_ERROR, id(), "OpenAI answered a transcription without text", null);
        }
        String language = body.hasNonNull("language") ? languageTag(body.get("language").asText(), request.language())
                : request.language();
        Duration duration = Duration.ofMillis(Math.max(0, Math.round(body.path("duration").asDouble(0) * 1000)));
        return new Transcript(body.get("text").asText().strip(), language, OptionalDouble.empty(), duration,
                timed(body.path("segments"), "text"), timed(body.path("words"), "word"), id(), model);
    }

    private static List<TimedText> timed(JsonNode items, String textField) {
        List<TimedText> out = new ArrayList<>();
        for (JsonNode item : items) {
            double start = Math.max(0, item.path("start").asDouble(0));
            out.add(new TimedText(start, Math.max(start, item.path("end").asDouble(start)), item.path(textField).asText("").strip()));
        }
        return out;
    }

    /** OpenAI answers with an English language name ("english"); keep the caller's tag when they agree. */
    private static String languageTag(String name, String requested) {
        for (Locale locale : Locale.getAvailableLocales()) {
            if (locale.getDisplayLanguage(Locale.ENGLISH).equalsIgnoreCase(name)) {
                return Language.matches(requested, locale.getLanguage()) && !Language.AUTO.equals(requested)
                        ? requested : locale.getLanguage();
            }
        }
        return Language.AUTO;
    }

    private static String extension(AudioFormat format) {
        return switch (format) {
            case OGG_OPUS -> "ogg";
            case AAC -> "aac";
            default -> format.id();
        };
    }

    @Override
    public CompletionStage<HealthProbe> checkHealth() {
        return CompletableFuture.completedFuture(http.health());
    }

    @Override
    public void close() {
        http.close();
    }
}
