package io.voiceplatform.app.server;

import io.voiceplatform.core.testing.TestingPluginJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `voice serve` with broken plugins in plugins/: a corrupt jar is skipped and the built-in providers serve; a
 * plugin whose close() never returns is abandoned at shutdown, and SIGTERM still ends the process.
 */
@Timeout(180)
class TestBrokenPlugins {
    @Test
    void aCorruptJarIsSkippedAndAHangingCloseDoesNotKeepTheProcessFromExitingOnSigterm(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(plugins.resolve("corrupt.jar"), "not a zip");
        TestingPluginJar.of("stuck").closeHangs().writeTo(plugins.resolve("stuck.jar"), dir.resolve("build"));

        ChildService child = ChildService.start(entry -> true, Map.of(),
                List.of("-Dvoice.lifecycle.provider-close-timeout=1s"), dir);
        try {
            assertTrue(child.get("/v1/models").body().contains("\"id\":\"stuck\""), child.get("/v1/models").body());
            assertEquals(200, child.speak("{\"input\":\"still serving\",\"response_format\":\"wav\"}").statusCode());

            // Generous: the limit is 1 s, but a cold JVM on a busy machine stops slowly.
            assertEquals(0, child.terminate(Duration.ofSeconds(30)));
            String log = child.log();
            assertTrue(log.contains("plugin " + plugins.resolve("corrupt.jar") + " skipped: it cannot be loaded: "), log);
            assertTrue(log.contains("provider stuck did not close within 1000 ms"), log);
        } finally {
            child.close();
        }
    }
}
