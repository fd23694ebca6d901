package io.voiceplatform.app.cli;

import io.voiceplatform.core.config.ConfigEntry;
import io.voiceplatform.core.config.CoreSettingsReader;
import io.voiceplatform.core.config.VoiceConfig;
import io.voiceplatform.core.registry.InstalledPlugins;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code voice config}: the effective configuration with the origin of each value; secrets masked. The plugins
 * are found as the service finds them, for their reference.conf files, but none of their providers is created.
 */
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
        try (InstalledPlugins plugins = InstalledPlugins.discover(CoreSettingsReader.pluginDirectories(config),
                ConfigCommand.class.getClassLoader(), List.of())) {
            for (ConfigEntry entry : config.withPluginReferences(plugins.loaders()).entries()) {
                out.printf("%s = %s  # %s%n", entry.key(), entry.value(), entry.origin());
            }
        }
        out.flush();
        return 0;
    }
}
