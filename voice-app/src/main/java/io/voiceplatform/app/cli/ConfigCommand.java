package io.voiceplatform.app.cli;

import io.voiceplatform.core.config.ConfigEntry;
import io.voiceplatform.core.config.VoiceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code voice config}: the effective configuration with the origin of each value; secrets masked. */
@Command(name = "config", description = "Print the effective configuration and where each value came from.")
final class ConfigCommand implements Callable<Integer> {
    @ParentCommand
    VoiceCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        VoiceCommand.quietLogs();
        VoiceConfig config = root.loadConfig();
        PrintWriter out = spec.commandLine().getOut();
        for (ConfigEntry entry : config.entries()) {
            out.printf("%s = %s  # %s%n", entry.key(), entry.value(), entry.origin());
        }
        out.flush();
        return 0;
    }
}
