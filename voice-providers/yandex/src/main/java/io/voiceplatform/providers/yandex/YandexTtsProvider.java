package io.voiceplatform.providers.yandex;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.HealthProbe;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.providers.support.HttpUrls;
import io.voiceplatform.providers.support.PcmAudio;
import io.voiceplatform.providers.support.ProviderHttp;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Synthesizes with {@code POST {tts}/speech/v1/tts:synthesize}, the parameters form-encoded in the body
 * ({@code text}, {@code lang}, {@code voice}, {@code emotion}, {@code speed}, {@code format},
 * {@code sampleRateHertz}, {@code folderId}); the answer is the audio itself
 * (https://yandex.cloud/en/docs/speechkit/tts/request). The voice decides the {@code lang} sent.
 */
final class YandexTtsProvider implements TtsProvider {
    /** Yandex takes at most 5000 characters of text... */
    static final int MAX_TEXT_CHARS = 5000;
    /** ...and a form body of at most 15 KB, which long non-Latin text reaches first once URL-encoded. */
    static final int MAX_BODY_BYTES = 15 * 1024;
    static final double MAX_SPEED = 3.0;
    private static final String PATH = "/speech/v1/tts:synthesize";

    private final YandexSettings settings;
    private final ProviderHttp http;
    private final ProviderCapabilities capabilities;

    YandexTtsProvider(YandexSettings settings, ProviderHttp http) {
        this.settings = settings;
        this.http = http;
        this.capabilities = ProviderCapabilities.builder()
                .languages(YandexVoices.languages().toArray(String[]::new))
                .outputFormats(YandexOutputFormat.platformFormats())
                .voices(YandexVoices.names().toArray(String[]::new))
                .maxTextChars(MAX_TEXT_CHARS)
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
    public CompletionStage<SynthesizedSpeech> synthesize(SpeechRequest request) {
        Optional<YandexOutputFormat> format = YandexOutputFormat.of(request.outputFormat());
        if (format.isEmpty()) {
            return unsupported("Yandex cannot produce " + request.outputFormat().id() + " audio");
        }
        // The platform's slowest speed, 0.25, is within Yandex's 0.1 .. 3.0; only the fast end is short.
        if (request.speed() > MAX_SPEED) {
            return unsupported("Yandex speaks at most " + MAX_SPEED + " times normal speed, not " + request.speed());
        }
        if (request.text().length() > MAX_TEXT_CHARS) {
            return unsupported("Yandex takes at most " + MAX_TEXT_CHARS + " characters per request");
        }
        Optional<YandexVoice> voice = YandexVoices.resolve(request.voice(), request.language(), settings.voice());
        if (voice.isEmpty()) {
            return unsupported("Yandex has no voice " + request.voice().map(n -> "'" + n + "' ").orElse("")
                    + "speaking " + request.language());
        }
        byte[] form = form(request, voice.get(), format.get()).getBytes(StandardCharsets.US_ASCII);
        if (form.length > MAX_BODY_BYTES) {
            return unsupported("Yandex takes a request body of at most " + MAX_BODY_BYTES + " bytes, and this text makes "
                    + form.length + " once URL-encoded");
        }
        HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(settings.ttsBaseUrl() + PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(form));
        return http.send(call, bytes -> speech(format.get().audio(withAudio(bytes))));
    }

    /** The URL-encoded form, its fields in the order of Yandex's reference. */
    private String form(SpeechRequest request, YandexVoice voice, YandexOutputFormat format) {
        return "text=" + HttpUrls.encode(request.text())
                + "&lang=" + HttpUrls.encode(voice.language())
                + "&voice=" + HttpUrls.encode(voice.name())
                + (voice.emotion().isEmpty() ? "" : "&emotion=" + HttpUrls.encode(voice.emotion()))
                + "&speed=" + BigDecimal.valueOf(request.speed()).toPlainString()
                + "&" + format.formFields()
                + settings.folderParameter();
    }

    /** A 200 without audio would reach the caller as an empty file (or a bare WAV header): fail, so the chain falls back. */
    private byte[] withAudio(byte[] bytes) {
        if (bytes.length == 0) {
            throw VoiceException.of(ErrorKind.PROVIDER_ERROR, id(), "Yandex answered without audio", null);
        }
        return bytes;
    }

    private SynthesizedSpeech speech(Audio audio) {
        return new SynthesizedSpeech(audio, PcmAudio.duration(audio), id());
    }

    private CompletableFuture<SynthesizedSpeech> unsupported(String message) {
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
        return "YandexTtsProvider[" + settings.ttsBaseUrl() + ", voice " + settings.voice().id() + "]";
    }
}
