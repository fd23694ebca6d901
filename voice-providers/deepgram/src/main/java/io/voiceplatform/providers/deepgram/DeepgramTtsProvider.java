package io.voiceplatform.providers.deepgram;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
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

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Synthesizes with {@code POST {base}/v1/speak?model=<voice>&encoding=..&container=..} and the JSON body
 * {@code {"text": ...}}; the answer is the audio itself
 * (https://developers.deepgram.com/reference/text-to-speech/speak-request). Aura has no speaking-rate
 * control, so only normal speed is offered.
 */
final class DeepgramTtsProvider implements TtsProvider {
    /** Deepgram takes at most 2000 characters per request. */
    static final int MAX_TEXT_CHARS = 2000;

    private final DeepgramSettings settings;
    private final ProviderHttp http;
    private final ProviderCapabilities capabilities;

    DeepgramTtsProvider(DeepgramSettings settings, ProviderHttp http) {
        this.settings = settings;
        this.http = http;
        this.capabilities = ProviderCapabilities.builder()
                .languages(DeepgramVoices.languages().toArray(String[]::new))
                .outputFormats(DeepgramOutputFormat.platformFormats())
                .voices(DeepgramVoices.names().toArray(String[]::new))
                .models(DeepgramVoices.modelIds().toArray(String[]::new))
                .maxTextChars(MAX_TEXT_CHARS)
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
    public CompletionStage<SynthesizedSpeech> synthesize(SpeechRequest request) {
        Optional<DeepgramOutputFormat> format = DeepgramOutputFormat.of(request.outputFormat());
        if (format.isEmpty()) {
            return unsupported("Deepgram cannot produce " + request.outputFormat().id() + " audio");
        }
        if (request.speed() != 1.0) {
            return unsupported("Deepgram Aura speaks at normal speed only, not " + request.speed());
        }
        if (request.text().length() > MAX_TEXT_CHARS) {
            return unsupported("Deepgram takes at most " + MAX_TEXT_CHARS + " characters per request");
        }
        Optional<String> name = request.voice().or(() -> request.modelHint().filter(capabilities.models()::contains));
        Optional<DeepgramVoice> voice = DeepgramVoices.resolve(name, request.language(), settings.ttsVoice());
        if (voice.isEmpty()) {
            return unsupported("Deepgram has no voice " + name.map(n -> "'" + n + "' ").orElse("")
                    + "speaking " + request.language());
        }
        String body = JsonNodeFactory.instance.objectNode().put("text", request.text()).toString();
        HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/v1/speak?model="
                        + HttpUrls.encode(voice.get().model()) + "&" + format.get().query()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return http.send(call, bytes -> speech(bytes, format.get().format()));
    }

    private SynthesizedSpeech speech(byte[] bytes, AudioFormat format) {
        if (bytes.length == 0) {
            // A 200 without audio would reach the caller as an empty file: fail, so the chain falls back.
            throw VoiceException.of(ErrorKind.PROVIDER_ERROR, id(), "Deepgram answered without audio", null);
        }
        Audio audio = format == AudioFormat.PCM
                ? Audio.of(bytes, format, DeepgramOutputFormat.LINEAR16_SAMPLE_RATE, 1)
                : Audio.of(bytes, format);
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
        return "DeepgramTtsProvider[" + settings.baseUrl() + ", voice " + settings.ttsVoice().model() + "]";
    }
}
