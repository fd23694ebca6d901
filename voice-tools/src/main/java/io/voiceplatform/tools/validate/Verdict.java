package io.voiceplatform.tools.validate;

/** The outcome of a validation; only READY exits with 0. */
enum Verdict {
    READY(0), NEEDS_OPTIMIZATION(1), NOT_READY(1), CRITICAL_ISSUES(1);

    private final int exitCode;

    Verdict(int exitCode) {
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
