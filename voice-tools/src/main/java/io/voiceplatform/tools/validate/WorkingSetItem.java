package io.voiceplatform.tools.validate;

import java.util.concurrent.atomic.AtomicBoolean;

/** One input of the repeated share; warm once it has been answered successfully, so a cache could hold it. */
final class WorkingSetItem {
    final Operation operation;
    final String text;
    final byte[] wav;
    final String prompt;
    private final AtomicBoolean warm = new AtomicBoolean();

    WorkingSetItem(Operation operation, String text, byte[] wav, String prompt) {
        this.operation = operation;
        this.text = text;
        this.wav = wav;
        this.prompt = prompt;
    }

    boolean warm() {
        return warm.get();
    }

    void markWarm() {
        warm.set(true);
    }
}
