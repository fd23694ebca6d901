package io.voiceplatform.tools.validate;

/** The two audio operations of the OpenAI API that a validation drives. */
enum Operation {
    STT("/v1/audio/transcriptions"), TTS("/v1/audio/speech");

    private final String path;

    Operation(String path) {
        this.path = path;
    }

    String path() {
        return path;
    }
}
