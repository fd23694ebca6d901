package io.voiceplatform.api.performance;

import java.util.concurrent.CompletionStage;

/** The rest of the work after an interceptor: calling {@link #proceed} runs it. */
@FunctionalInterface
public interface Chain<Q, R> {
    CompletionStage<R> proceed(Q request);
}
