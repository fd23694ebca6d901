package io.voiceplatform.app.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.core.pipeline.RequestPipeline;
import io.voiceplatform.core.registry.ProviderRegistry;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

import static io.voiceplatform.app.openai.ApiError.printable;

/**
 * {@code POST /v1/audio/speech}: a JSON body, its fields checked as OpenAI documents them, then the audio, whole or,
 * when the pipeline streams speech, chunked as it is produced.
 */
final class SpeechHandler implements Handler {
    private final RequestPipeline pipeline;
    private final ProviderRegistry registry;
    private final PipelineCall calls;
    private final StreamedBody streamed;
    private final ObjectMapper json;
    private final long maxBodyBytes;

    SpeechHandler(RequestPipeline pipeline, ProviderRegistry registry, PipelineCall calls, ObjectMapper json, long maxBodyBytes) {
        this.pipeline = pipeline;
        this.registry = registry;
        this.calls = calls;
        this.streamed = new StreamedBody();
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(new ApiError(415, "Expected a JSON body (Content-Type: application/json).",
                    "invalid_request_error", null, "unsupported_media_type", Optional.empty()));
        }
        JsonNode body = parse(ctx);
        String input = text(body, "input", true);
        Optional<String> voice = Optional.ofNullable(text(body, "voice", false));
        String formatName = Optional.ofNullable(text(body, "response_format", false)).orElse("mp3");
        AudioFormat format = SpeechFormat.parse(formatName).orElseThrow(() -> new ApiException(ApiError.invalid(
                "response_format must be one of " + String.join(", ", SpeechFormat.BY_NAME.keySet().stream().sorted().toList())
                        + "; got '" + printable(formatName) + "'.", "response_format", "invalid_value")));
        double speed = speed(body.get("speed"));
        ModelRoute route = ModelRoute.of(text(body, "model", false), registry.ttsIds());
        SpeechRequest request = new SpeechRequest(input, voice, null, format, speed, route.modelHint());
        if (pipeline.streamsSpeech()) {
            // Headers go out with the first audio; the rest follows chunked as it is produced.
            calls.run(ctx, context -> pipeline.synthesizeStream(request, route.routing(), context).thenCompose(speech -> {
                calls.describe(ctx, speech.provider(), context);
                ctx.header("X-Voice-Streamed", "true");
                ctx.contentType(speech.format().mediaType());
                return streamed.send(ctx, speech);
            }));
            return;
        }
        calls.run(ctx, context -> pipeline.synthesize(request, route.routing(), context).thenAccept(speech -> {
            calls.describe(ctx, speech.provider(), context);
            Audio audio = speech.audio();
            byte[] bytes = audio.toByteArray();
            AdmissionFilter.holdAnswer(ctx, bytes.length);
            ctx.contentType(audio.format().mediaType());
            ctx.result(bytes);
        }));
    }

    private JsonNode parse(Context ctx) {
        byte[] bytes;
        try {
            bytes = ctx.bodyAsBytes();
        } catch (Exception e) {
            // Reading failed (too large, or the rest never came): not the same as bytes that are not JSON.
            throw UnreadableBody.of(e, null, maxBodyBytes);
        }
        JsonNode body;
        try {
            body = json.readTree(bytes);
        } catch (IOException e) {
            throw new ApiException(ApiError.invalid("The body is not valid JSON.", null, "invalid_json"));
        }
        if (body == null || !body.isObject()) {
            throw new ApiException(ApiError.invalid("The body must be a JSON object.", null, "invalid_json"));
        }
        return body;
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new ApiException(ApiError.invalid("'" + field + "' is required.", field, "missing_required_parameter"));
            }
            return null;
        }
        if (!node.isTextual()) {
            throw new ApiException(ApiError.invalid("'" + field + "' must be a string.", field, "invalid_type"));
        }
        return node.textValue();
    }

    private static double speed(JsonNode node) {
        if (node == null || node.isNull()) {
            return 1.0;
        }
        if (!node.isNumber() || !(node.doubleValue() >= SpeechRequest.MIN_SPEED && node.doubleValue() <= SpeechRequest.MAX_SPEED)) {
            throw new ApiException(ApiError.invalid("speed must be a number from 0.25 to 4.0.", "speed", "invalid_value"));
        }
        return node.doubleValue();
    }
}
