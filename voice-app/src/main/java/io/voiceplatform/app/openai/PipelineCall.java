package io.voiceplatform.app.openai;

import io.javalin.http.Context;
import io.voiceplatform.core.health.PerformanceStatus;
import io.voiceplatform.core.pipeline.RequestContext;
import io.voiceplatform.core.pipeline.RequestPipeline;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * An audio request's trip through the pipeline, once its handler has read and checked the body: its
 * {@link RequestContext} is made (the pipeline's first stage takes an in-flight slot for it), the pipeline's answer is
 * handed to Javalin, and the context is closed, giving the slot back, once the response has been written or has
 * failed. A caller that hangs up cancels the work done for it.
 */
final class PipelineCall {
    private final RequestPipeline pipeline;
    private final PerformanceStatus performance;
    private final ErrorMapper errors;

    PipelineCall(RequestPipeline pipeline, PerformanceStatus performance, ErrorMapper errors) {
        this.pipeline = pipeline;
        this.performance = performance;
        this.errors = errors;
    }

    /** @param work the pipeline call; it writes the answer into {@code ctx} when it succeeds */
    void run(Context ctx, Function<RequestContext, CompletionStage<?>> work) {
        RequestContext context = pipeline.context(AdmissionFilter.requestId(ctx), AdmissionFilter.caller(ctx));
        ctx.future(() -> {
            // Javalin has made the request asynchronous before it asks for the future.
            ctx.req().getAsyncContext().addListener(new Delivery(context));
            CompletionStage<?> answer;
            try {
                answer = work.apply(context);
            } catch (RuntimeException | Error e) {
                // An Error too (a provider out of memory): answered 500 in OpenAI's shape like any failure.
                answer = CompletableFuture.failedFuture(e);
            }
            return answer.toCompletableFuture().handle((written, failure) -> {
                if (failure != null) {
                    errors.write(ctx, errors.map(failure, ctx));
                }
                return null;
            });
        });
    }

    /** The headers that say how the request was served. */
    void describe(Context ctx, String provider, RequestContext context) {
        ctx.header("X-Voice-Provider", provider);
        ctx.header("X-Voice-Attempts", Integer.toString(context.decisions().attempts()));
        if (performance.installed()) {
            ctx.header("X-Voice-Cache", context.decisions().cache().name());
        }
    }

    /** Follows the response on the wire: written (or failed) closes the context; a broken connection cancels it. */
    private record Delivery(RequestContext context) implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            context.close();
        }

        @Override
        public void onError(AsyncEvent event) {
            context.cancel();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // Javalin sets no async timeout; the pipeline's deadline bounds the request.
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // Started once, by Javalin, before this listener exists.
        }
    }
}
