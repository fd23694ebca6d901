package io.voiceplatform.providers.elevenlabs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.HealthProbe;
import io.voiceplatform.api.Language;
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
 * Synthesizes with {@code POST {base}/v1/text-to-speech/{voice_id}?output_format=..} (or its {@code /stream}
 * variant) and the JSON body {@code text}, {@code model_id}, {@code language_code} for the models that take
 * one, and {@code voice_settings.speed} when the speed is not normal
 * (https://elevenlabs.io/docs/api-reference/text-to-speech/convert).
 */
final class ElevenLabsTtsProvider implements TtsProvider {
    /** {@code voice_settings.speed} goes from 0.7 to 1.2. */
    static final double MIN_SPEED = 0.7;
    static final double MAX_SPEED = 1.2;
    /** Characters per request: 10,000 for Multilingual v2, 40,000 for the v2.5 models. */
    static final int MAX_TEXT_CHARS_V2 = 10_000;
    static final int MAX_TEXT_CHARS_V2_5 = 40_000;

    private final ElevenLabsSettings settings;
    private final ProviderHttp http;
    private final ProviderCapabilities capabilities;

    ElevenLabsTtsProvider(ElevenLabsSettings settings, ProviderHttp http) {
        this.settings = settings;
        this.http = http;
        this.capabilities = ProviderCapabilities.builder()
                .languages(ElevenLabsLanguages.synthesis(settings.ttsModels()).toArray(String[]::new))
                .outputFormats(ElevenLabsOutputFormat.platformFormats())
                .models(settings.ttsModels().toArray(String[]::new))
                .streaming(settings.streaming())
                .maxTextChars(settings.ttsModels().stream().mapToInt(ElevenLabsTtsProvider::maxTextChars).max().orElse(0))
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
    public CompletionStage<SynthesizedSpeech> synthesize(SpeechRequest request) {
        Optional<ElevenLabsOutputFormat> format = ElevenLabsOutputFormat.of(request.outputFormat());
        if (format.isEmpty()) {
            return unsupported("ElevenLabs cannot produce " + request.outputFormat().id() + " audio");
        }
        if (request.speed() < MIN_SPEED || request.speed() > MAX_SPEED) {
            return unsupported("ElevenLabs speaks at " + MIN_SPEED + " to " + MAX_SPEED + " times normal speed, not " + request.speed());
        }
        String model = request.modelHint().filter(settings.ttsModels()::contains).orElse(settings.ttsModels().get(0));
        if (!ElevenLabsLanguages.speaks(model, request.language())) {
            return unsupported("ElevenLabs model " + model + " does not speak " + request.language());
        }
        if (request.text().length() > maxTextChars(model)) {
            return unsupported("ElevenLabs model " + model + " takes at most " + maxTextChars(model) + " characters");
        }
        Optional<String> voice = request.voice().map(name -> settings.voices().idOf(name))
                .orElse(Optional.of(settings.defaultVoice()));
        if (voice.isEmpty()) {
            return unsupported("ElevenLabs has no voice '" + request.voice().orElseThrow()
                    + "': give a voice id or one of " + settings.voices().names());
        }
        HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/v1/text-to-speech/"
                        + HttpUrls.encode(voice.get()) + (settings.streaming() ? "/stream" : "")
                        + "?output_format=" + format.get().outputFormat()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(request, model).toString(), StandardCharsets.UTF_8));
        return http.send(call, bytes -> speech(bytes, format.get().format()));
    }

    private static ObjectNode body(SpeechRequest request, String model) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("text", request.text()).put("model_id", model);
        if (ElevenLabsLanguages.enforcesLanguage(model) && !Language.AUTO.equals(request.language())) {
            body.put("language_code", Language.primary(request.language()));
        }
        if (request.speed() != 1.0) {
            // Only the speed is overridden; the voice keeps its stored stability and similarity.
            body.putObject("voice_settings").put("speed", request.speed());
        }
        return body;
    }

    private SynthesizedSpeech speech(byte[] bytes, AudioFormat format) {
        if (bytes.length == 0) {
            // A 200 without audio would reach the caller as an empty file: fail, so the chain falls back.
            throw VoiceException.of(ErrorKind.PROVIDER_ERROR, id(), "ElevenLabs answered without audio", null);
        }
        Audio audio = switch (format) {
            case PCM -> Audio.of(bytes, format, ElevenLabsOutputFormat.PCM_SAMPLE_RATE, 1);
            case WAV -> PcmAudio.toWav(Audio.of(bytes, AudioFormat.PCM, ElevenLabsOutputFormat.PCM_SAMPLE_RATE, 1));
            default -> Audio.of(bytes, format);
        };
        if (format == AudioFormat.OGG_OPUS && !(bytes.length >= 4 && bytes[0] == 'O' && bytes[1] == 'g' && bytes[2] == 'g' && bytes[3] == 'S')) {
            throw VoiceException.of(ErrorKind.PROVIDER_ERROR, id(), "ElevenLabs answered opus audio outside an Ogg container", null);
        }
        return new SynthesizedSpeech(audio, PcmAudio.duration(audio), id());
    }

    private static int maxTextChars(String model) {
        return ElevenLabsLanguages.enforcesLanguage(model) ? MAX_TEXT_CHARS_V2_5 : MAX_TEXT_CHARS_V2;
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
        return "ElevenLabsTtsProvider[" + settings.baseUrl() + ", models " + settings.ttsModels() + "]";
    }
}
