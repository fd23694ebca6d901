package io.voiceplatform.app.dist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The distribution's {@code bin/voice} warns in one stderr line when it is about to serve as root, and says
 * nothing otherwise. The launcher runs for real under sh; {@code java} and {@code id} are stubs on the PATH, so
 * both sides are checked whoever runs the build.
 */
class TestLauncherRootWarning {
    private static final Path LAUNCHER = Path.of("src/dist/bin/voice");

    @TempDir
    Path stubs;

    private String stderr(String uid, String... args) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(stubs.resolve(uid).resolve("bin"));
        stub(bin.resolve("java"), "exit 0");
        stub(bin.resolve("id"), "echo " + uid);
        List<String> command = new java.util.ArrayList<>(List.of("sh", LAUNCHER.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("JAVA_HOME", bin.getParent().toString());
        Process process = builder.start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), err);
        return err;
    }

    private static void stub(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    @Timeout(60)
    void servingAsRootIsOneWarningLine() throws Exception {
        String err = stderr("0", "--config", "x.conf", "serve", "--port", "0");
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.startsWith("voice: warning: serving as root"), err);
        assertTrue(err.contains("docs/deployment.md"), err);
    }

    @Test
    @Timeout(60)
    void otherUsersAndOtherCommandsHearNothing() throws Exception {
        assertEquals("", stderr("1000", "serve"));
        assertEquals("", stderr("0", "providers"));
        assertEquals("", stderr("0", "speak", "hello", "-o", "x.wav"));
    }
}
