package io.voiceplatform.providers.yandex;

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
import io.voiceplatform.providers.support.HttpUrls;
import io.voiceplatform.providers.support.PcmAudio;
import io.voiceplatform.providers.support.ProviderHttp;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

/**
 * Recognizes with {@code POST {stt}/speech/v1/stt:recognize?topic=..&lang=..[&folderId=..]&format=..}, the
 * audio as the raw body (https://yandex.cloud/en/docs/speechkit/stt/api/request-api). Synchronous recognition
 * takes one channel, at most 1 MB and 30 seconds: larger audio is declared and refused, so the orchestrator
 * skips Yandex for it. API v1 detects no language, so auto means the configured default language.
 */
final class YandexSttProvider implements SttProvider {
    /** The 1 MB Yandex takes per request. */
    static final long MAX_AUDIO_BYTES = 1024 * 1024;
    static final Duration MAX_DURATION = Duration.ofSeconds(30);
    private static final String PATH = "/speech/v1/stt:recognize";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final YandexSettings settings;
    private final ProviderHttp http;
    private final ProviderCapabilities capabilities;

    YandexSttProvider(YandexSettings settings, ProviderHttp http) {
        this.settings = settings;
        this.http = http;
        this.capabilities = ProviderCapabilities.builder()
                .languages(YandexLanguages.offered().toArray(String[]::new))
                .inputFormats(AudioFormat.WAV, AudioFormat.PCM, AudioFormat.OGG_OPUS)
                .models(Stream.of(settings.sttTopic(), "general", "general:rc", "general:deprecated").distinct().toArray(String[]::new))
                .maxAudioBytes(MAX_AUDIO_BYTES)
                .build();
    }

    @Override
    public String id() {
        return YandexPlugin.ID;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public CompletionStage<Transcript> transcribe(TranscriptionRequest request) {
        Optional<String> language = Language.AUTO.equals(request.language()) ? Optional.of(settings.defaultLanguage())
                : YandexLanguages.code(request.language());
        if (language.isEmpty()) {
            return unsupported("Yandex has no recognition model for language " + request.language());
        }
        AudioFormat format = request.audio().format();
        if (!capabilities.inputFormats().contains(format)) {
            return unsupported("Yandex API v1 takes WAV, raw PCM or Ogg Opus, not " + format.id() + " audio");
        }
        if (request.audio().size() > MAX_AUDIO_BYTES) {
            return unsupported("Yandex synchronous recognition takes at most " + MAX_AUDIO_BYTES + " bytes of audio, this is "
                    + request.audio().size());
        }
        // At most 1 MB, so converting here takes milliseconds and needs no thread of its own.
        Audio sent;
        try {
            sent = YandexSttAudio.prepare(request.audio());
        } catch (IllegalArgumentException e) {
            return unsupported("Yandex needs 16-bit PCM, and this audio cannot be converted: " + e.getMessage());
        }
        if (sent.isEmpty()) {
            return CompletableFuture.failedFuture(VoiceException.invalid("the audio holds no samples", "file"));
        }
        // 30 s of 16 kHz mono is 960,000 bytes, so converted audio within the duration is within 1 MB too.
        Duration duration = PcmAudio.duration(sent);
        if (duration.compareTo(MAX_DURATION) > 0) {
            return unsupported("Yandex synchronous recognition takes at most " + MAX_DURATION.toSeconds()
                    + " seconds of audio, this is " + duration.toMillis() / 1000.0);
        }
        String topic = request.modelHint().filter(capabilities.models()::contains).orElse(settings.sttTopic());
        HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(settings.sttBaseUrl() + PATH + "?topic=" + HttpUrls.encode(topic)
                        + "&lang=" + HttpUrls.encode(language.get()) + settings.folderParameter() + "&" + YandexSttAudio.formatQuery(sent)))
                .header("Content-Type", sent.format() == AudioFormat.PCM ? "application/octet-stream" : sent.format().mediaType())
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(sent.toByteArray()));
        return http.send(call, body -> YandexTranscriptReader.read(JSON.readTree(body), language.get(), duration, topic));
    }

    private static <T> CompletableFuture<T> unsupported(String message) {
        return CompletableFuture.failedFuture(VoiceException.unsupported(YandexPlugin.ID, message));
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
        return "YandexSttProvider[" + settings.sttBaseUrl() + ", topic " + settings.sttTopic()
                + ", default " + settings.defaultLanguage() + "]";
    }
}
