package io.voiceplatform.app.cli;

import ch.qos.logback.classic.Level;
import io.voiceplatform.app.server.Version;
import io.voiceplatform.core.config.ConfigSources;
import io.voiceplatform.core.config.InvalidConfigException;
import io.voiceplatform.core.config.VoiceConfig;
import io.voiceplatform.tools.mock.MockProviderCommand;
import io.voiceplatform.tools.soak.SoakCommand;
import io.voiceplatform.tools.validate.ValidateCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code voice}: the root command, its global options and how failures are reported. */
@Command(name = "voice", mixinStandardHelpOptions = true, versionProvider = VoiceCommand.VersionProvider.class,
        description = "Speech-to-text and text-to-speech through many providers, behind the OpenAI audio API.",
        subcommands = {ServeCommand.class, SpeakCommand.class, TranscribeCommand.class, ProvidersCommand.class,
                ConfigCommand.class, MockProviderCommand.class, ValidateCommand.class, SoakCommand.class})
public final class VoiceCommand {
    /** Exit codes: 0 done, 1 failed, 2 bad usage, 78 bad configuration (sysexits' EX_CONFIG). */
    public static final int FAILED = 1;
    public static final int CONFIG_ERROR = 78;
    /** Returned by {@code serve}: the process stays up until it is told to stop. */
    public static final int KEEP_RUNNING = -1;

    @Option(names = "--config", paramLabel = "FILE", description = "A configuration file over the defaults (or env VOICE_CONFIG).")
    Path configFile;

    @Option(names = "--debug", description = "Print stack traces of failures (or env VOICE_DEBUG=1).")
    boolean debug;

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new VoiceCommand());
        cli.setExecutionExceptionHandler((error, command, parsed) -> {
            VoiceCommand root = command.getCommandSpec().root().userObject() instanceof VoiceCommand v ? v : null;
            command.getErr().println("error: " + ErrorLine.of(error));
            if ((root != null && root.debug) || debugFromEnvironment()) {
                error.printStackTrace(command.getErr());
            }
            return error instanceof InvalidConfigException ? CONFIG_ERROR : FAILED;
        });
        return cli;
    }

    /** The configuration: the defaults, the --config file (or VOICE_CONFIG), .env, the environment, -D options. */
    VoiceConfig loadConfig() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        return VoiceConfig.load(ConfigSources.fromProcess(Path.of("").toAbsolutePath(), Optional.ofNullable(configFile)));
    }

    /** Commands other than serve print results; their logs stay quiet unless something is wrong. */
    static void quietLogs() {
        Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(Level.WARN);
        }
    }

    /** VOICE_DEBUG set to anything but an empty or false-like value (0, false, no, off). */
    private static boolean debugFromEnvironment() {
        String value = System.getenv("VOICE_DEBUG");
        return value != null && !value.isBlank()
                && !List.of("0", "false", "no", "off").contains(value.trim().toLowerCase(Locale.ROOT));
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"voice " + Version.current()};
        }
    }
}
