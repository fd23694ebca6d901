package io.voiceplatform.app.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Handler;
import io.micrometer.core.instrument.MeterRegistry;
import io.voiceplatform.core.health.PerformanceStatus;
import io.voiceplatform.core.pipeline.RequestPipeline;
import io.voiceplatform.core.registry.ProviderRegistry;

import java.util.Map;

/**
 * OpenAI's audio API on a Javalin configuration: {@code POST /v1/audio/transcriptions}, {@code POST /v1/audio/speech},
 * {@code GET /v1/models} and {@code GET /v1/models/{id}}, behind one admission filter, with one error mapper for
 * whatever goes wrong, the HTTP server's own refusals included.
 */
public final class OpenAiApi {
    private static final String TRANSCRIPTIONS = "/v1/audio/transcriptions";
    private static final String SPEECH = "/v1/audio/speech";
    /** 4,096 characters of input and the other fields fit many times over. */
    private static final long SPEECH_BODY_LIMIT = 1 << 20;
    /** An upload's other fields and its multipart framing, on top of the audio. */
    private static final long MULTIPART_OVERHEAD = 1 << 20;

    private final ApiSettings settings;
    private final ErrorMapper errors;
    private final AdmissionFilter admission;
    private final RequestMetrics metrics;
    private final TranscriptionHandler transcriptions;
    private final SpeechHandler speech;
    private final ModelsHandler models;

    public OpenAiApi(RequestPipeline pipeline, ProviderRegistry registry, PerformanceStatus performance,
                     ApiSettings settings, MeterRegistry meters, ObjectMapper json) {
        this.settings = settings;
        this.errors = new ErrorMapper(json);
        this.admission = new AdmissionFilter(settings,
                Map.of(TRANSCRIPTIONS, settings.maxUploadBytes() + MULTIPART_OVERHEAD, SPEECH, SPEECH_BODY_LIMIT));
        this.metrics = new RequestMetrics(meters);
        PipelineCall calls = new PipelineCall(pipeline, performance, errors);
        this.transcriptions = new TranscriptionHandler(pipeline, registry, calls, settings.maxUploadBytes());
        this.speech = new SpeechHandler(pipeline, registry, calls, json, SPEECH_BODY_LIMIT);
        this.models = new ModelsHandler(registry);
    }

    /** The routes, their body limits and their error handling; the server's error handler too. */
    public void configure(JavalinConfig config) {
        long maxMb = Math.max(1, settings.maxUploadBytes() >> 20);
        // The multipart parser stops reading at the limit instead of buffering the excess.
        config.jetty.multipartConfig.maxFileSize(maxMb, SizeUnit.MB);
        config.jetty.multipartConfig.maxTotalRequestSize(maxMb + 1, SizeUnit.MB);
        config.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
        config.http.maxRequestSize = SPEECH_BODY_LIMIT;
        config.http.prefer405over404 = true;
        config.jetty.modifyServer(server -> server.setErrorHandler(errors.serverErrors()));
        config.router.javaLangErrorHandler(errors::writeUnexpected);
        metrics.register(config.routes);
        config.routes.before("/v1/*", admission);
        // After-handlers run however the request ended (refused, failed, answered, its caller gone).
        config.routes.after("/v1/*", AdmissionFilter::release);
        config.routes.post(TRANSCRIPTIONS, transcriptions);
        config.routes.post(SPEECH, speech);
        config.routes.get("/v1/models", models::list);
        config.routes.get("/v1/models/{id}", models::one);
        errors.register(config.routes);
    }

    /** The admission filter, for other keyed endpoints ({@code /health/details}, {@code /metrics}). */
    public Handler admission() {
        return admission;
    }
}
