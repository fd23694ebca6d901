package io.voiceplatform.core.pipeline;

import java.util.concurrent.CompletableFuture;

/**
 * What the coalescer did with one task.
 *
 * @param result  the task's result
 * @param sharing whether it made the call ({@code FIRST}), joined another's ({@code JOINED}), or does not share
 *                at all ({@code NONE})
 */
public record Coalesced<R>(CompletableFuture<R> result, Sharing sharing) {
    public enum Sharing {
        /** The call is this task's own, and not offered to others. */
        NONE,
        /** The call is this task's own; identical tasks that arrive meanwhile join it. */
        FIRST,
        /** The task joined an identical task's call. */
        JOINED
    }
}
