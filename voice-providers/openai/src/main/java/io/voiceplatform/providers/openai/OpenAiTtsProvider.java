package io.voiceplatform.providers.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.HealthProbe;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SpeechStream;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.providers.support.ProviderHttp;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code POST {base}/audio/speech}, JSON in, audio out. */
final class OpenAiTtsProvider implements TtsProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String[] VOICES = {"alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova", "sage", "shimmer", "verse"};
    private static final Map<AudioFormat, String> FORMATS = Map.of(AudioFormat.MP3, "mp3", AudioFormat.OGG_OPUS, "opus",
            AudioFormat.AAC, "aac", AudioFormat.FLAC, "flac", AudioFormat.WAV, "wav", AudioFormat.PCM, "pcm");
    /** OpenAI's pcm is 24 kHz mono signed 16-bit little-endian. */
    private static final int PCM_RATE = 24_000;

    private final OpenAiSettings settings;
    private final ProviderHttp http;
    private final ProviderCapabilities capabilities;

    OpenAiTtsProvider(OpenAiSettings settings, ProviderHttp http) {
        this.settings = settings;
        this.http = http;
        this.capabilities = ProviderCapabilities.builder()
                .outputFormats(FORMATS.keySet().toArray(AudioFormat[]::new))
                .voices(VOICES)
                .models(settings.ttsModel(), "tts-1", "tts-1-hd", "gpt-4o-mini-tts")
                .maxTextChars(4096)
                .streaming(true)
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
    public CompletionStage<SynthesizedSpeech> synthesize(SpeechRequest request) {
        Optional<VoiceException> refused = refusal(request);
        if (refused.isPresent()) {
            return CompletableFuture.failedFuture(refused.get());
        }
        return http.send(speechRequest(request), body -> {
            if (body.length == 0) {
                // A 200 without audio would reach the caller as an empty file: fail, so the chain falls back.
                throw VoiceException.of(ErrorKind.PROVIDER_ERROR, id(), "OpenAI answered without audio", null);
            }
            Audio audio = request.outputFormat() == AudioFormat.PCM
                    ? Audio.of(body, AudioFormat.PCM, PCM_RATE, 1)
                    : Audio.of(body, request.outputFormat());
            return new SynthesizedSpeech(audio, Duration.ZERO, id());
        });
    }

    /** OpenAI sends the audio body while it is produced; it is passed on as it arrives, closed if it stalls. */
    @Override
    public CompletionStage<SpeechStream> synthesizeStream(SpeechRequest request) {
        Optional<VoiceException> refused = refusal(request);
        if (refused.isPresent()) {
            return CompletableFuture.failedFuture(refused.get());
        }
        return http.stream(speechRequest(request), body -> new SpeechStream(request.outputFormat(), body, id()));
    }

    private Optional<VoiceException> refusal(SpeechRequest request) {
        if (!capabilities.outputFormats().contains(request.outputFormat())) {
            return Optional.of(VoiceException.unsupported(id(), "OpenAI does not produce " + request.outputFormat().id() + " audio"));
        }
        return Optional.empty();
    }

    private HttpRequest.Builder speechRequest(SpeechRequest request) {
        ObjectNode body = JSON.createObjectNode()
                .put("model", request.modelHint().orElse(settings.ttsModel()))
                .put("input", request.text())
                .put("voice", request.voice().orElse(settings.voice()))
                .put("response_format", FORMATS.get(request.outputFormat()))
                .put("speed", request.speed());
        return HttpRequest.newBuilder(settings.endpoint("audio/speech")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
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
