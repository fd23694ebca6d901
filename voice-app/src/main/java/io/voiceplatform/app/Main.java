package io.voiceplatform.app;

import io.voiceplatform.app.cli.VoiceCommand;
import picocli.CommandLine;

/** The {@code voice} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = VoiceCommand.commandLine().execute(args);
        if (code != VoiceCommand.KEEP_RUNNING) {
            System.exit(code);
        }
    }

    /** For tests: runs a command in-process and returns its exit code. */
    public static int run(CommandLine commandLine, String... args) {
        return commandLine.execute(args);
    }
}
