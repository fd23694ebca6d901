package io.voiceplatform.app.cli;

/** Who asks when a request comes from the command line rather than over HTTP. */
final class CommandLineCaller {
    static final String NAME = "command-line";

    private CommandLineCaller() {
    }
}
