package io.voiceplatform.app.server;

import io.voiceplatform.core.config.ConfigSources;
import io.voiceplatform.core.config.CoreSettingsReader;
import io.voiceplatform.core.config.InvalidConfigException;
import io.voiceplatform.core.config.VoiceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The byte budget and connection limits as reference.conf and a configuration file set them. */
class TestServerSettings {
    @TempDir
    Path workDir;

    private ServerSettings read(String conf) throws Exception {
        Path file = workDir.resolve("settings.conf");
        Files.writeString(file, conf);
        VoiceConfig config = VoiceConfig.load(new ConfigSources(Map.of(), Map.of(), workDir, Optional.of(file),
                getClass().getClassLoader()));
        return ServerSettings.read(config, CoreSettingsReader.read(config));
    }

    @Test
    void defaultsAreAQuarterOfTheHeapAndTheDocumentedLimits() throws Exception {
        ServerSettings settings = read("");
        assertEquals(Runtime.getRuntime().maxMemory() / 4, settings.api().maxBytesInFlight());
        assertEquals(Duration.ofSeconds(2), settings.api().inFlightWait());
        assertEquals(new ConnectionLimits(Duration.ofSeconds(10), 8192, 128), settings.connections());
    }

    @Test
    void aSizeSetsTheBudgetAndZeroTurnsTheChecksOff() throws Exception {
        ServerSettings settings = read("voice.limits.max-bytes-in-flight = 512MiB\nvoice.server.min-body-rate = 0\n"
                + "voice.server.max-connections-per-client = 0\nvoice.server.header-timeout = 3\n");
        assertEquals(512L << 20, settings.api().maxBytesInFlight());
        assertEquals(new ConnectionLimits(Duration.ofSeconds(3), 0, 0), settings.connections());
    }

    @Test
    void aBudgetThatIsNeitherAutoNorASizeIsRefusedNamingTheKey() {
        InvalidConfigException refused = assertThrows(InvalidConfigException.class,
                () -> read("voice.limits.max-bytes-in-flight = lots\n"));
        assertTrue(refused.getMessage().contains("voice.limits.max-bytes-in-flight"), refused.getMessage());
        assertThrows(InvalidConfigException.class, () -> read("voice.limits.max-bytes-in-flight = 0\n"));
    }
}
