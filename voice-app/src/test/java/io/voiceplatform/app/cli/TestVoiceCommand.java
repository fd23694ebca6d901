package io.voiceplatform.app.cli;

import io.voiceplatform.app.TestingBuiltInProviders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
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
        assertTrue(err.toString().startsWith("error: "), err.toString());
        assertFalse(err.toString().contains("\tat "));
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
