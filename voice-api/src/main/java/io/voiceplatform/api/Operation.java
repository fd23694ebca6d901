package io.voiceplatform.api;

/** The two things the platform does. */
public enum Operation {
    STT("stt"),
    TTS("tts");

    private final String id;

    Operation(String id) {
        this.id = id;
    }

    /** Lower-case name used in metrics and configuration. */
    public String id() {
        return id;
    }
}
