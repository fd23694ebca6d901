package io.voiceplatform.app.cli;

import io.voiceplatform.app.server.ServerSettings;
import io.voiceplatform.core.bootstrap.PerformanceInstallations;
import io.voiceplatform.core.bootstrap.PerformanceModuleFactory.Installation;
import io.voiceplatform.core.config.ConfigEntry;
import io.voiceplatform.core.config.CoreSettings;
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
 * {@code voice config}: the effective configuration with the origin of each value; secrets masked. The settings
 * are checked as {@code serve} checks them, so a bad one fails here with the same line and exit code 78. A value
 * the performance level replaces is shown as the one in force. The plugins are found as the service finds them,
 * for their reference.conf files, but none of their providers is created.
 */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Print the effective configuration and where each value came from.")
final class ConfigCommand implements Callable<Integer> {
    @ParentCommand
    VoiceCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        VoiceCommand.quietLogs();
        VoiceConfig config = root.loadConfig();
        CoreSettings core = CoreSettingsReader.read(config);
        ServerSettings.read(config, core);
        PrintWriter out = spec.commandLine().getOut();
        try (InstalledPlugins plugins = InstalledPlugins.discover(core.plugins(),
                ConfigCommand.class.getClassLoader(), List.of())) {
            VoiceConfig withPlugins = config.withPluginReferences(plugins.loaders());
            List<Installation> performance = PerformanceInstallations.create(withPlugins, core);
            for (ConfigEntry entry : withPlugins.entries()) {
                out.println(line(entry, performance));
            }
        }
        out.flush();
        return 0;
    }

    private static String line(ConfigEntry entry, List<Installation> performance) {
        for (Installation installation : performance) {
            String inForce = installation.inForce().get(entry.key());
            if (inForce != null) {
                return String.format("%s = %s  # voice.performance.level %s; configured %s (%s)", entry.key(), inForce,
                        installation.level(), entry.value(), entry.origin());
            }
        }
        return String.format("%s = %s  # %s", entry.key(), entry.value(), entry.origin());
    }
}
