package io.voiceplatform.app.openai;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.UploadedFile;
import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.TimestampDetail;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.core.audio.AudioFormatDetector;
import io.voiceplatform.core.pipeline.RequestPipeline;
import io.voiceplatform.core.registry.ProviderRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.voiceplatform.app.openai.ApiError.printable;

/**
 * {@code POST /v1/audio/transcriptions}: a multipart upload, its fields checked as OpenAI documents them, the audio
 * recognised by its bytes (not its name or part type), then transcribed and written in the asked
 * {@code response_format}.
 */
final class TranscriptionHandler implements Handler {
    private static final Set<String> GRANULARITIES = Set.of("word", "segment");

    private final RequestPipeline pipeline;
    private final ProviderRegistry registry;
    private final PipelineCall calls;
    private final long maxUploadBytes;

    TranscriptionHandler(RequestPipeline pipeline, ProviderRegistry registry, PipelineCall calls, long maxUploadBytes) {
        this.pipeline = pipeline;
        this.registry = registry;
        this.calls = calls;
        this.maxUploadBytes = maxUploadBytes;
    }

    @Override
    public void handle(Context ctx) {
        if (!ctx.isMultipartFormData()) {
            throw new ApiException(new ApiError(415, "Expected a multipart/form-data body with a 'file' part.",
                    "invalid_request_error", null, "unsupported_media_type", Optional.empty()));
        }
        List<UploadedFile> files;
        Map<String, List<String>> form;
        try {
            files = ctx.uploadedFiles("file");
            form = ctx.formParamMap();
        } catch (Exception e) {
            // Javalin (Kotlin) passes the servlet parser's checked exceptions through undeclared.
            throw UnreadableBody.of(e, "file", maxUploadBytes);
        }
        if (files.isEmpty()) {
            throw new ApiException(ApiError.invalid("The 'file' field is required.", "file", "missing_required_parameter"));
        }
        if (files.size() > 1) {
            throw new ApiException(ApiError.invalid("Send exactly one 'file'; got " + files.size() + ".", "file", "invalid_value"));
        }
        byte[] bytes = read(files.get(0));
        if (bytes.length == 0) {
            throw new ApiException(ApiError.invalid("The audio file is empty.", "file", "invalid_value"));
        }
        AudioFormat format = AudioFormatDetector.detect(Arrays.copyOf(bytes, Math.min(bytes.length, AudioFormatDetector.HEAD_BYTES)))
                .orElseThrow(() -> new ApiException(ApiError.invalid(
                        "The file is not audio in a supported format (wav, mp3, ogg/opus, flac, webm, m4a).", "file", "invalid_file_format")));
        TranscriptFormat responseFormat = TranscriptFormat.fromId(first(form, "response_format")).orElseThrow(() ->
                new ApiException(ApiError.invalid("response_format must be one of json, text, srt, vtt, verbose_json.",
                        "response_format", "invalid_value")));
        checkTemperature(first(form, "temperature"));
        TimestampDetail detail = timestampDetail(form.getOrDefault("timestamp_granularities[]", List.of()), responseFormat);
        ModelRoute route = ModelRoute.of(first(form, "model"), registry.sttIds());
        TranscriptionRequest request = new TranscriptionRequest(Audio.of(bytes, format), first(form, "language"),
                first(form, "prompt"), detail, route.modelHint());
        calls.run(ctx, context -> pipeline.transcribe(request, route.routing(), context).thenAccept(transcript -> {
            calls.describe(ctx, transcript.provider(), context);
            Object body = responseFormat.render(transcript, detail == TimestampDetail.WORD);
            ctx.contentType(responseFormat.contentType());
            if (body instanceof String text) {
                ctx.result(text);
            } else {
                ctx.json(body);
            }
        }));
    }

    /** Into an array of the part's size, read once: the multipart parser already holds the bytes. */
    private static byte[] read(UploadedFile file) {
        try (InputStream in = file.content()) {
            byte[] bytes = new byte[Math.toIntExact(file.size())];
            if (in.readNBytes(bytes, 0, bytes.length) != bytes.length || in.read() >= 0) {
                throw new IOException("the part's size and content disagree");
            }
            return bytes;
        } catch (IOException | ArithmeticException e) {
            throw new ApiException(ApiError.invalid("The upload could not be read completely.", "file", "invalid_multipart"));
        }
    }

    private static TimestampDetail timestampDetail(List<String> granularities, TranscriptFormat format) {
        for (String g : granularities) {
            if (!GRANULARITIES.contains(g)) {
                throw new ApiException(ApiError.invalid("timestamp_granularities[] takes word or segment; got '"
                        + printable(g) + "'.", "timestamp_granularities", "invalid_value"));
            }
        }
        if (granularities.contains("word")) {
            return TimestampDetail.WORD;
        }
        return format == TranscriptFormat.VERBOSE_JSON || format == TranscriptFormat.SRT || format == TranscriptFormat.VTT
                || granularities.contains("segment") ? TimestampDetail.SEGMENT : TimestampDetail.NONE;
    }

    private static void checkTemperature(String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            double t = Double.parseDouble(value);
            if (t >= 0 && t <= 1) {
                return;
            }
        } catch (NumberFormatException ignored) {
            // Falls through to the error below.
        }
        throw new ApiException(ApiError.invalid("temperature must be a number from 0 to 1.", "temperature", "invalid_value"));
    }

    private static String first(Map<String, List<String>> form, String field) {
        List<String> values = form.get(field);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
