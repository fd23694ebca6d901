package io.voiceplatform.tools.soak;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What voice soak refuses before it starts anything: exit code 2 and the reason. */
class TestSoakCommand {
    private final StringWriter err = new StringWriter();

    private int soak(String... args) {
        CommandLine cli = new CommandLine(new SoakCommand());
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void badNumbersAreUsageErrors(@TempDir Path dir) {
        assertEquals(2, soak("--minutes", "0", "--out", dir.toString()));
        assertTrue(err.toString().contains("--minutes must be more than 0"), err.toString());
        assertEquals(2, soak("--rate", "-1", "--out", dir.toString()));
        assertTrue(err.toString().contains("--rate must be more than 0"), err.toString());
    }

    @Test
    void withoutADistributionItNeedsALauncher(@TempDir Path dir) {
        // From the build's classes there is no bin/voice beside lib/.
        assertEquals(2, soak("--minutes", "1", "--out", dir.resolve("out").toString()));
        assertTrue(err.toString().contains("this is not a distribution"), err.toString());
        assertEquals(2, soak("--voice", dir.resolve("missing").toString(), "--out", dir.resolve("out").toString()));
        assertTrue(err.toString().contains("--voice " + dir.resolve("missing") + " is not an executable file"), err.toString());
        assertFalse(Files.exists(dir.resolve("out")), "nothing is written before the soak can start");
    }
}
