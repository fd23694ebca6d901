package io.voiceplatform.app.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UploadedFile;
import io.micrometer.core.instrument.MeterRegistry;
import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SpeechStream;
import io.voiceplatform.api.TimestampDetail;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.core.audio.AudioFormatDetector;
import io.voiceplatform.core.health.PerformanceStatus;
import io.voiceplatform.core.pipeline.Decisions;
import io.voiceplatform.core.pipeline.RequestContext;
import io.voiceplatform.core.pipeline.RequestPipeline;
import io.voiceplatform.core.registry.ProviderRegistry;
import io.voiceplatform.core.registry.RegisteredProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * OpenAI's audio API over the orchestrator: {@code POST /v1/audio/transcriptions},
 * {@code POST /v1/audio/speech}, {@code GET /v1/models}. Every error is OpenAI's error shape.
 */
public final class OpenAiApi {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OpenAiApi.class);
    static final String REQUEST_ID = "X-Request-Id";
    private static final int MAX_SPEECH_BODY = 1 << 20;
    private static final long MULTIPART_OVERHEAD = 1 << 20;
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern QUALIFIED_THROWABLE = Pattern.compile("(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error):?\\s*");
    private static final Set<String> GRANULARITIES = Set.of("word", "segment");

    private static final String CALLER = "voice.caller";

    private final RequestPipeline pipeline;
    private final ProviderRegistry registry;
    private final PerformanceStatus performance;
    private final ApiSettings settings;
    private final ObjectMapper json;
    private final ApiKeys keys;
    private final CallerLimits limits;
    private final RequestMetrics metrics;
    /**
     * Writes streamed speech. The first audio may arrive on a provider's only engine thread; writing the
     * stream there would block the thread that has to produce the rest. Idle threads end after a minute;
     * how many run at once is bounded by the caller limits on requests in flight.
     */
    private final ExecutorService streamWriters = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "voice-speech-stream");
        thread.setDaemon(true);
        return thread;
    });

    public OpenAiApi(RequestPipeline pipeline, ProviderRegistry registry, PerformanceStatus performance,
                     ApiSettings settings, MeterRegistry meters, ObjectMapper json) {
        this.pipeline = pipeline;
        this.registry = registry;
        this.performance = performance;
        this.settings = settings;
        this.json = json;
        this.keys = new ApiKeys(settings.apiKeys());
        this.limits = new CallerLimits(settings.rateLimitPerMinute());
        this.metrics = new RequestMetrics(meters);
    }

    /** Upload limits: the multipart parser stops reading at the limit instead of buffering the excess. */
    public void configure(JavalinConfig config) {
        long maxMb = Math.max(1, settings.maxUploadBytes() >> 20);
        config.jetty.multipartConfig.maxFileSize(maxMb, SizeUnit.MB);
        config.jetty.multipartConfig.maxTotalRequestSize(maxMb + 1, SizeUnit.MB);
        config.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
        config.http.maxRequestSize = MAX_SPEECH_BODY;
        config.http.prefer405over404 = true;
    }

    public void register(Javalin app) {
        app.before("/v1/*", this::authenticate);
        app.post("/v1/audio/transcriptions", ctx -> limited(ctx, "stt", settings.maxUploadBytes() + MULTIPART_OVERHEAD, context -> transcribe(ctx, context)));
        app.post("/v1/audio/speech", ctx -> limited(ctx, "tts", MAX_SPEECH_BODY, context -> speak(ctx, context)));
        app.get("/v1/models", this::models);
        app.get("/v1/models/{id}", this::model);
        app.exception(ApiException.class, (e, ctx) -> write(ctx, e.error()));
        app.exception(VoiceException.class, (e, ctx) -> write(ctx, ApiError.from(e)));
        // The last resort: still OpenAI's shape, never a stack trace; the cause goes to the log.
        app.exception(Exception.class, (e, ctx) -> {
            log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, ApiError.of(500, "Internal error; the request id is " + ctx.res().getHeader(REQUEST_ID) + ".",
                    "server_error", "internal_error"));
        });
        // Javalin's own answers (no such path, wrong method, body too large) in OpenAI's shape too.
        app.exception(HttpResponseException.class, (e, ctx) -> write(ctx, ApiError.of(e.getStatus(),
                e.getStatus() == 404 ? "Unknown request URL: " + ctx.method() + " " + printable(ctx.path()) + "."
                        : printable(e.getMessage()) + ".",
                "invalid_request_error", e.getStatus() == 404 ? "unknown_url" : "http_" + e.getStatus())));
    }

    /** Checks the caller's key and rate; public so that other keyed endpoints ({@code /metrics}) share it. */
    public void authenticate(Context ctx) {
        ctx.header(REQUEST_ID, requestId(ctx));
        String caller;
        if (keys.required()) {
            String header = ctx.header("Authorization");
            if (header == null || header.isBlank()) {
                throw new ApiException(new ApiError(401, "You didn't provide an API key. Send it as 'Authorization: Bearer <key>'.",
                        "invalid_request_error", null, "missing_api_key", Optional.empty()));
            }
            caller = keys.authenticate(header).orElseThrow(() -> new ApiException(new ApiError(401,
                    "Incorrect API key provided.", "invalid_request_error", null, "invalid_api_key", Optional.empty())));
        } else {
            caller = ctx.ip();
        }
        ctx.attribute(CALLER, caller);
        limits.rateLimit(caller).ifPresent(wait -> {
            throw new ApiException(new ApiError(429, "Rate limit reached: at most " + settings.rateLimitPerMinute()
                    + " requests per minute.", "rate_limit_error", null, "rate_limit_exceeded", Optional.of(wait)));
        });
    }

    /**
     * Runs an audio request in its pipeline context, closed (its admission slot given back) once the response is
     * written. A body declared over the limit is refused first, so a flood of oversized uploads never takes a slot.
     */
    private void limited(Context ctx, String operation, long maxBody, Handler work) {
        long start = System.nanoTime();
        try {
            checkDeclaredLength(ctx, maxBody);
        } catch (ApiException tooLarge) {
            metrics.record(operation, tooLarge.error().status(), System.nanoTime() - start);
            throw tooLarge;
        }
        String caller = ctx.attribute(CALLER);
        RequestContext context = pipeline.context(ctx.res().getHeader(REQUEST_ID), caller == null ? ctx.ip() : caller);
        CompletionStage<?> done;
        try {
            done = work.run(context);
        } catch (RuntimeException e) {
            context.close();
            ApiError error = e instanceof ApiException api ? api.error()
                    : e instanceof VoiceException voice ? ApiError.from(voice) : null;
            if (error == null) {
                throw e;
            }
            metrics.record(operation, error.status(), System.nanoTime() - start);
            throw e;
        }
        CompletableFuture<Void> finished = done.toCompletableFuture().handle((value, error) -> {
            context.close();
            if (error != null) {
                write(ctx, errorOf(error));
            }
            metrics.record(operation, ctx.statusCode(), System.nanoTime() - start);
            return null;
        });
        ctx.future(() -> finished);
    }

    private CompletionStage<?> transcribe(Context ctx, RequestContext context) {
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
            throw new ApiException(bodyProblem(e, "file"));
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
        AudioFormat format = AudioFormatDetector.detect(head(bytes)).orElseThrow(() -> new ApiException(ApiError.invalid(
                "The file is not audio in a supported format (wav, mp3, ogg/opus, flac, webm, m4a).", "file", "invalid_file_format")));
        TranscriptFormat responseFormat = TranscriptFormat.fromId(first(form, "response_format")).orElseThrow(() ->
                new ApiException(ApiError.invalid("response_format must be one of json, text, srt, vtt, verbose_json.",
                        "response_format", "invalid_value")));
        checkTemperature(first(form, "temperature"));
        TimestampDetail detail = timestampDetail(form.getOrDefault("timestamp_granularities[]", List.of()), responseFormat);
        ModelRoute route = route(first(form, "model"), registry.sttIds());
        TranscriptionRequest request = new TranscriptionRequest(Audio.of(bytes, format), first(form, "language"),
                first(form, "prompt"), detail, route.modelHint());
        boolean words = detail == TimestampDetail.WORD;
        return pipeline.transcribe(request, route.routing(), context).thenAccept(transcript -> {
            describe(ctx, transcript.provider(), context.decisions());
            Object body = responseFormat.render(transcript, words);
            ctx.contentType(responseFormat.contentType());
            if (body instanceof String text) {
                ctx.result(text);
            } else {
                ctx.json(body);
            }
        });
    }

    private CompletionStage<?> speak(Context ctx, RequestContext context) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(new ApiError(415, "Expected a JSON body (Content-Type: application/json).",
                    "invalid_request_error", null, "unsupported_media_type", Optional.empty()));
        }
        JsonNode body = parseJson(ctx);
        String input = text(body, "input", true);
        Optional<String> voice = Optional.ofNullable(text(body, "voice", false));
        String formatName = Optional.ofNullable(text(body, "response_format", false)).orElse("mp3");
        AudioFormat format = SpeechFormat.parse(formatName).orElseThrow(() -> new ApiException(ApiError.invalid(
                "response_format must be one of " + String.join(", ", SpeechFormat.BY_NAME.keySet().stream().sorted().toList())
                        + "; got '" + printable(formatName) + "'.", "response_format", "invalid_value")));
        double speed = speed(body.get("speed"));
        ModelRoute route = route(text(body, "model", false), registry.ttsIds());
        SpeechRequest request = new SpeechRequest(input, voice, null, format, speed, route.modelHint());
        if (pipeline.streamsSpeech()) {
            // Headers go out with the first audio; the rest follows chunked as it is produced.
            return pipeline.synthesizeStream(request, route.routing(), context).thenAcceptAsync(speech -> {
                describe(ctx, speech.provider(), context.decisions());
                ctx.header("X-Voice-Streamed", "true");
                ctx.contentType(speech.format().mediaType());
                stream(ctx, speech);
            }, streamWriters);
        }
        return pipeline.synthesize(request, route.routing(), context).thenAccept(speech -> {
            describe(ctx, speech.provider(), context.decisions());
            Audio audio = speech.audio();
            ctx.contentType(audio.format().mediaType());
            ctx.result(audio.toByteArray());
        });
    }

    /**
     * Copies the audio out as it comes, flushing each chunk: the server's output buffer would otherwise hold
     * the first audio back until it filled. A failure after the headers cannot become an error answer any
     * more; the connection is aborted instead, so the caller sees a broken body rather than a short one.
     */
    private static void stream(Context ctx, SpeechStream speech) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream audio = speech.audio()) {
            OutputStream out = ctx.res().getOutputStream();
            for (int n = audio.read(buffer); n >= 0; n = audio.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            log.warn("streamed speech from {} ended early: {}", speech.provider(), e.getMessage());
            // Without the abort the server would end the chunked body cleanly, and the caller would take
            // the truncated audio for the whole.
            org.eclipse.jetty.server.Request.getBaseRequest(ctx.req()).getHttpChannel().abort(e);
        }
    }

    private void models(Context ctx) {
        ctx.json(Map.of("object", "list", "data", modelIds().stream().map(OpenAiApi::model).toList()));
    }

    private void model(Context ctx) {
        String id = ctx.pathParam("id");
        if (!modelIds().contains(id)) {
            throw new ApiException(new ApiError(404, "The model '" + printable(id) + "' does not exist.",
                    "invalid_request_error", "model", "model_not_found", Optional.empty()));
        }
        ctx.json(model(id));
    }

    /** {@code auto}, each enabled provider, each {@code provider/model}. */
    private List<String> modelIds() {
        List<String> ids = new ArrayList<>();
        ids.add("auto");
        for (RegisteredProvider p : registry.all()) {
            if (p.stt().isEmpty() && p.tts().isEmpty()) {
                continue;
            }
            ids.add(p.id());
            List<String> models = new ArrayList<>();
            p.stt().ifPresent(stt -> models.addAll(stt.capabilities().models()));
            p.tts().ifPresent(tts -> models.addAll(tts.capabilities().models()));
            models.stream().distinct().forEach(m -> ids.add(p.id() + "/" + m));
        }
        return ids;
    }

    private static Map<String, Object> model(String id) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", id);
        model.put("object", "model");
        model.put("created", 0);
        model.put("owned_by", "voice-platform");
        return model;
    }

    private void describe(Context ctx, String provider, Decisions decisions) {
        ctx.header("X-Voice-Provider", provider);
        ctx.header("X-Voice-Attempts", Integer.toString(decisions.attempts()));
        if (performance.installed()) {
            ctx.header("X-Voice-Cache", decisions.cache().name());
        }
    }

    private ModelRoute route(String model, List<String> providers) {
        return ModelRoute.parse(model, providers).orElseThrow(() -> new ApiException(new ApiError(404,
                "The model '" + printable(model) + "' does not exist. Use auto, an OpenAI model name, a provider ("
                        + String.join(", ", providers) + ") or provider/model.", "invalid_request_error", "model",
                "model_not_found", Optional.empty())));
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

    private void checkDeclaredLength(Context ctx, long limit) {
        // The long form: the int one (ctx.contentLength()) says -1 for 2 GB and more, which let those through unchecked.
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw new ApiException(new ApiError(413, "The request body is " + declared + " bytes; the limit is " + limit + ".",
                    "invalid_request_error", null, "request_too_large", Optional.empty()));
        }
    }

    private static String first(Map<String, List<String>> form, String field) {
        List<String> values = form.get(field);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * The multipart parser reports an oversized part, a body that stopped coming (the read timeout) or a broken
     * body as a runtime exception; the caller learns which, without the parser's class names.
     *
     * @param param the field at fault: {@code file} for an upload, null for a JSON body
     */
    private ApiError bodyProblem(Exception e, String param) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.util.concurrent.TimeoutException || cause instanceof java.net.SocketTimeoutException) {
                return new ApiError(408, "The request body stopped arriving for longer than the read timeout; send it again, faster.",
                        "invalid_request_error", param, "request_timeout", Optional.empty());
            }
        }
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (message.contains("max") || message.contains("exceed") || message.contains("too large")) {
            return new ApiError(413, "The upload is over the " + (settings.maxUploadBytes() >> 20) + " MB limit.",
                    "invalid_request_error", param, "request_too_large", Optional.empty());
        }
        return ApiError.invalid((param == null ? "The body" : "The multipart body") + " could not be read: "
                + printable(withoutClassNames(e.getMessage())), param, param == null ? "invalid_body" : "invalid_multipart");
    }

    /** "java.io.IOException: Missing boundary" as "Missing boundary": the caller needs the reason, not our internals. */
    private static String withoutClassNames(String message) {
        return message == null ? "" : QUALIFIED_THROWABLE.matcher(message).replaceAll("");
    }

    /** Into an array of the part's size, read once: the multipart parser already holds the bytes. */
    private byte[] read(UploadedFile file) {
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

    private JsonNode parseJson(Context ctx) {
        byte[] bytes;
        try {
            bytes = ctx.bodyAsBytes();
        } catch (Exception e) {
            // Reading failed (too large, or the rest never came): not the same as bytes that are not JSON.
            throw new ApiException(bodyProblem(e, null));
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

    private static byte[] head(byte[] bytes) {
        return java.util.Arrays.copyOf(bytes, Math.min(bytes.length, AudioFormatDetector.HEAD_BYTES));
    }

    static ApiError errorOf(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ApiException api) {
            return api.error();
        }
        if (cause instanceof VoiceException voice) {
            return ApiError.from(voice);
        }
        return ApiError.of(500, "Internal error: " + cause.getClass().getSimpleName(), "server_error", "internal_error");
    }

    static void write(Context ctx, ApiError error) {
        ctx.status(error.status());
        error.retryAfter().ifPresent(wait -> ctx.header("Retry-After", Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000))));
        ctx.json(error.body());
    }

    private static String requestId(Context ctx) {
        String given = ctx.header(REQUEST_ID);
        return given != null && SAFE_REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }

    /** Input echoed in a message is cut short and stripped of control characters. */
    static String printable(String s) {
        if (s == null) {
            return "";
        }
        String cut = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    @FunctionalInterface
    private interface Handler {
        CompletionStage<?> run(RequestContext context);
    }
}
