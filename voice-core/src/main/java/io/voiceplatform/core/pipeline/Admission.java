package io.voiceplatform.core.pipeline;

import io.voiceplatform.api.Operation;


/**
 * Stage 1, admit: how much work runs at once. A request that is let in holds a slot until its answer has been
 * delivered (its {@link RequestContext} closes); one that cannot be let in is refused with
 * {@link AtCapacityException}, so a flood exhausts neither providers nor memory.
 */
public interface Admission extends PipelineStage {
    /**
     * Takes what the request needs to run, held by the context until it closes.
     *
     * @throws AtCapacityException when nothing frees up in time
     */
    void admit(Operation operation, RequestContext context);
}
