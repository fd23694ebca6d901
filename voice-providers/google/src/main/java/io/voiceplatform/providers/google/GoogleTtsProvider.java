package io.voiceplatform.providers.google;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voiceplatform.api.HealthProbe;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.providers.support.ProviderHttp;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Synthesizes with Text-to-Speech v1, {@code POST {tts-base-url}/v1/text:synthesize} with
 * {@code {"input": {"text"}, "voice": {...}, "audioConfig": {"audioEncoding", "speakingRate"}}}; the audio
 * comes back base64-encoded in JSON (https://cloud.google.com/text-to-speech/docs/reference/rest/v1/text/synthesize).
 * The speaking rate spans 0.25 to 4.0, the platform's whole range. The capabilities name no voices: any
 * Google voice name is taken ({@link GoogleVoices}).
 */
final class GoogleTtsProvider implements TtsProvider {
    /** Google takes at most 5000 bytes of input text; fewer characters when they take several bytes. */
    static final int MAX_TEXT_BYTES = 5000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/v1/text:synthesize";

    private final GoogleSettings settings;
    private final ProviderHttp http;
    private final ProviderCapabilities capabilities;

    GoogleTtsProvider(GoogleSettings settings, ProviderHttp http) {
        this.settings = settings;
        this.http = http;
        this.capabilities = ProviderCapabilities.builder()
                .languages(settings.ttsLanguages().toArray(String[]::new))
                .outputFormats(GoogleOutputFormat.platformFormats())
                .maxTextChars(MAX_TEXT_BYTES)
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
    public CompletionStage<SynthesizedSpeech> synthesize(SpeechRequest request) {
        Optional<GoogleOutputFormat> format = GoogleOutputFormat.of(request.outputFormat());
        if (format.isEmpty()) {
            return unsupported("Google cannot produce " + request.outputFormat().id() + " audio");
        }
        if (request.text().getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
            return unsupported("Google takes at most " + MAX_TEXT_BYTES + " bytes of text per request");
        }
        Optional<GoogleVoice> voice = GoogleVoices.resolve(request.voice(), request.language(), settings.ttsVoice(),
                settings.ttsLanguages());
        if (voice.isEmpty()) {
            return unsupported("Google has no voice " + request.voice().map(n -> "'" + n + "' ").orElse("")
                    + "speaking " + request.language());
        }
        return http.send(GooglePlugin.post(URI.create(settings.ttsBaseUrl() + PATH), body(request, voice.get(), format.get())),
                answer -> GoogleSpeechReader.read(JSON.readTree(answer), format.get()));
    }

    private static ObjectNode body(SpeechRequest request, GoogleVoice voice, GoogleOutputFormat format) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("input").put("text", request.text());
        ObjectNode selection = body.putObject("voice").put("languageCode", voice.languageCode());
        voice.name().ifPresent(name -> selection.put("name", name));
        voice.gender().ifPresent(gender -> selection.put("ssmlGender", gender.name()));
        body.putObject("audioConfig").put("audioEncoding", format.encoding()).put("speakingRate", request.speed());
        return body;
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
        return "GoogleTtsProvider[" + settings.ttsBaseUrl() + ", voice " + settings.ttsVoice() + "]";
    }
}
