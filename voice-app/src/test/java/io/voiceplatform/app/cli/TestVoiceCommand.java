package io.voiceplatform.app.cli;

import io.voiceplatform.app.TestingBuiltInProviders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line in-process: output, one-line errors and exit codes. */
@Timeout(60)
class TestVoiceCommand {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = VoiceCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void configPrintsEveryKeyWithItsOrigin(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("ops.conf");
        Files.writeString(conf, "voice.server.port = 9999\n");
        assertEquals(0, run("--config", conf.toString(), "config"));
        assertTrue(out.toString().contains("voice.server.port = 9999  # file " + conf), out.toString());
        assertTrue(out.toString().contains("voice.limits.max-file-size-mb = 25  # default (reference.conf)"));
    }

    @Test
    void configShowsTheKeysOfTheBuiltInProvidersLoadedFromTheirDirectories(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("ops.conf");
        Files.writeString(conf, "voice.providers.local.voice = kevin\n");
        assertEquals(0, run("--config", conf.toString(), "config"));
        assertTrue(out.toString().contains("voice.providers.local.voice = kevin  # file " + conf), out.toString());
        assertTrue(out.toString().contains("voice.providers.local.grammar =   # default (reference.conf)"), out.toString());
        assertTrue(out.toString().contains("voice.providers.openai.base-url = https://api.openai.com/v1  # default (reference.conf)"));
        assertTrue(out.toString().contains("voice.providers.google.credentials-file =   # default (reference.conf)"));
    }

    @Test
    void providersListsTheBuiltInsWithTheirDirectory() {
        assertEquals(0, run("providers"), err.toString());
        Path providers = TestingBuiltInProviders.dir();
        assertTrue(out.toString().contains("local  (built-in, " + providers.resolve("local") + ")\n"), out.toString());
        assertTrue(out.toString().contains("openai  (built-in, " + providers.resolve("openai") + ")  disabled"), out.toString());
    }

    @Test
    void aBadSettingIsOneLineAndExitCode78(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "voice.performance.enabled = maybe\n");
        assertEquals(VoiceCommand.CONFIG_ERROR, run("--config", conf.toString(), "providers"));
        String[] lines = err.toString().strip().split("\\R");
        assertEquals(1, lines.length, err.toString());
        assertTrue(lines[0].startsWith("error: voice.performance.enabled = 'maybe'"), lines[0]);
        assertFalse(err.toString().contains("\tat "), "no stack trace");
    }

    @Test
    void aMissingFileIsOneClearLine(@TempDir Path dir) {
        assertEquals(VoiceCommand.FAILED, run("transcribe", dir.resolve("nope.wav").toString()));
        assertEquals("error: no such file: " + dir.resolve("nope.wav") + "\n", err.toString());
    }

    @Test
    void aDirectoryIsNamed(@TempDir Path dir) {
        assertEquals(VoiceCommand.FAILED, run("transcribe", dir.toString()));
        assertEquals("error: " + dir + " is a directory, not an audio file\n", err.toString());
    }

    @Test
    void aMissingConfigFileSaysNoSuchFile(@TempDir Path dir) {
        assertEquals(VoiceCommand.CONFIG_ERROR, run("--config", dir.resolve("nope.conf").toString(), "config"));
        assertEquals("error: config file " + dir.resolve("nope.conf") + " (named by --config): no such file\n", err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void configRefusesABadValueAsServeDoes(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "voice.server.port = abc\n");
        assertEquals(VoiceCommand.CONFIG_ERROR, run("--config", conf.toString(), "config"));
        String configError = err.toString();
        assertEquals("", out.toString());
        err.getBuffer().setLength(0);
        assertEquals(VoiceCommand.CONFIG_ERROR, run("--config", conf.toString(), "serve", "--port", "0"));
        assertEquals(configError, err.toString());
        assertTrue(configError.startsWith("error: voice.server.port = 'abc'"), configError);
    }

    @Test
    void configShowsTheConnectionLimitsTheLevelSetsAsInForce(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("perf.conf");
        Files.writeString(conf, "voice.performance.enabled = true\nvoice.performance.level = aggressive\n");
        assertEquals(0, run("--config", conf.toString(), "config"), err.toString());
        assertTrue(out.toString().contains("voice.performance.http.max-per-host = 50  # voice.performance.level aggressive;"
                + " configured 5 (default (reference.conf))\n"), out.toString());
        assertTrue(out.toString().contains("voice.performance.http.max-connections = 150  # voice.performance.level"
                + " aggressive; configured 100 (default (reference.conf))\n"), out.toString());
    }

    @Test
    void anUnknownProviderIsNamedWithoutJavaClassNames(@TempDir Path dir) {
        assertEquals(VoiceCommand.FAILED, run("speak", "hello", "-o", dir.resolve("x.wav").toString(), "--provider", "nosuch"));
        assertTrue(err.toString().startsWith("error: unknown tts provider 'nosuch'"), err.toString());
    }

    @Test
    void aPortInUseIsSaidPlainly() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(VoiceCommand.FAILED, run("serve", "--port", Integer.toString(taken.getLocalPort())));
            assertTrue(err.toString().startsWith("error: port " + taken.getLocalPort() + " is in use"), err.toString());
        }
    }

    @Test
    void aPortOutOfRangeIsBadUsage() {
        assertEquals(2, run("serve", "--port", "99999"));
        assertTrue(err.toString().startsWith("--port must be between 0 and 65535, got 99999"), err.toString());
    }

    @Test
    void everyCommandAnswersHelpOnStdout() {
        for (String command : VoiceCommand.commandLine().getSubcommands().keySet()) {
            out.getBuffer().setLength(0);
            assertEquals(0, run(command, "--help"), command + ": " + err);
            assertTrue(out.toString().startsWith("Usage: voice " + command), out.toString());
        }
        assertEquals("", err.toString());
    }

    @Test
    void badUsageIsExitCode2() {
        assertEquals(2, run("speak"));
        assertTrue(err.toString().contains("Missing required"), err.toString());
        assertEquals(2, run("no-such-command"));
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, run("--help"));
        for (String command : new String[]{"serve", "speak", "transcribe", "providers", "config", "mock-provider", "validate", "soak"}) {
            assertTrue(out.toString().contains(command), command);
        }
    }
}
