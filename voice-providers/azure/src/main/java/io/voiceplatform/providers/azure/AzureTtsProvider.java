package io.voiceplatform.providers.azure;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.HealthProbe;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.providers.support.PcmAudio;
import io.voiceplatform.providers.support.ProviderHttp;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Synthesizes with {@code POST {tts}/cognitiveservices/v1}: an SSML body naming the voice and the speaking
 * rate, the audio format in {@code X-Microsoft-OutputFormat}; the answer is the audio itself
 * (https://learn.microsoft.com/azure/ai-services/speech-service/rest-text-to-speech).
 */
final class AzureTtsProvider implements TtsProvider {
    /** Longest text sent in one request; the service cuts the audio at 10 minutes. */
    static final int MAX_TEXT_CHARS = 10_000;
    private static final String PATH = "/cognitiveservices/v1";
    /** Azure's synthesis endpoint requires a User-Agent naming the application. */
    private static final String USER_AGENT = "voice-platform";

    private final AzureSettings settings;
    private final ProviderHttp http;
    private final ProviderCapabilities capabilities;

    AzureTtsProvider(AzureSettings settings, ProviderHttp http) {
        this.settings = settings;
        this.http = http;
        this.capabilities = ProviderCapabilities.builder()
                .languages(settings.voices().locales().toArray(String[]::new))
                .outputFormats(AzureOutputFormat.platformFormats())
                .voices(settings.voices().names().toArray(String[]::new))
                .maxTextChars(MAX_TEXT_CHARS)
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
    public CompletionStage<SynthesizedSpeech> synthesize(SpeechRequest request) {
        Optional<AzureOutputFormat> format = AzureOutputFormat.of(request.outputFormat());
        if (format.isEmpty()) {
            return unsupported("Azure cannot produce " + request.outputFormat().id() + " audio");
        }
        if (request.speed() < AzureSsml.MIN_SPEED || request.speed() > AzureSsml.MAX_SPEED) {
            return unsupported("Azure speaks at " + AzureSsml.MIN_SPEED + " to " + AzureSsml.MAX_SPEED
                    + " times normal speed, not " + request.speed());
        }
        if (request.text().length() > MAX_TEXT_CHARS) {
            return unsupported("Azure takes at most " + MAX_TEXT_CHARS + " characters per request here");
        }
        Optional<AzureVoice> voice = settings.voices().resolve(request.voice(), request.language(), settings.defaultVoice());
        if (voice.isEmpty()) {
            return unsupported("Azure has no voice " + request.voice().map(n -> "'" + n + "' ").orElse("")
                    + "speaking " + request.language());
        }
        HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(settings.ttsBaseUrl() + PATH))
                .header("Content-Type", "application/ssml+xml")
                .header("X-Microsoft-OutputFormat", format.get().header())
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(AzureSsml.of(request.text(), voice.get(), request.speed()), StandardCharsets.UTF_8));
        return http.send(call, bytes -> speech(bytes, format.get().format()));
    }

    private SynthesizedSpeech speech(byte[] bytes, AudioFormat format) {
        if (bytes.length == 0) {
            // A 200 without audio would reach the caller as an empty file: fail, so the chain falls back.
            throw VoiceException.of(ErrorKind.PROVIDER_ERROR, id(), "Azure answered without audio", null);
        }
        Audio audio = format == AudioFormat.PCM ? Audio.of(bytes, format, AzureOutputFormat.SAMPLE_RATE, 1) : Audio.of(bytes, format);
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
        return "AzureTtsProvider[" + settings.ttsBaseUrl() + ", voice " + settings.defaultVoice().name() + "]";
    }
}
