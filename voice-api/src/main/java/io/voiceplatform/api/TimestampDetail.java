package io.voiceplatform.api;

/** How much timing information a caller wants in a transcript. */
public enum TimestampDetail {
    NONE,
    SEGMENT,
    WORD
}
