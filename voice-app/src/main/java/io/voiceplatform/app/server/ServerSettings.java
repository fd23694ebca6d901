package io.voiceplatform.app.server;

import io.voiceplatform.api.plugin.Secret;
import io.voiceplatform.app.openai.ApiSettings;
import io.voiceplatform.app.openai.FailedAuthLimit;
import io.voiceplatform.core.config.CoreSettings;
import io.voiceplatform.core.config.SettingsReader;
import io.voiceplatform.core.config.VoiceConfig;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * The typed, validated {@code voice.server.*} settings.
 *
 * @param host          listen address
 * @param port          listen port (0 picks a free one)
 * @param api           settings of the OpenAI-compatible API
 * @param readTimeout   idle time after which a slow request is cut off
 * @param shutdownGrace how long shutdown waits for requests in flight
 * @param jsonLogs      one JSON object per log line
 * @param connections   what slow clients and many connections from one client may hold
 */
public record ServerSettings(String host, int port, ApiSettings api, Duration readTimeout, Duration shutdownGrace,
                             boolean jsonLogs, ConnectionLimits connections) {
    private static final String AUTO = "auto";

    public static ServerSettings read(VoiceConfig config, CoreSettings core) {
        SettingsReader reader = new SettingsReader(config.config());
        List<Secret> keys = Arrays.stream(reader.getString("voice.server.api-keys").split(","))
                .map(String::trim).filter(k -> !k.isEmpty()).map(Secret::of).toList();
        ApiSettings api = new ApiSettings(core.limits().maxAudioBytes(), keys,
                reader.getInt("voice.server.rate-limit.per-minute", 1, 1_000_000),
                reader.getBoolean("voice.server.open-monitoring"),
                new FailedAuthLimit(reader.getInt("voice.server.failed-auth.burst", 1, 1_000_000),
                        reader.getInt("voice.server.failed-auth.per-second", 1, 1_000_000)),
                maxBytesInFlight(reader), core.limits().inFlightWait());
        ConnectionLimits connections = new ConnectionLimits(
                reader.getDuration("voice.server.header-timeout", ChronoUnit.SECONDS),
                reader.getBytes("voice.server.min-body-rate"),
                reader.getInt("voice.server.max-connections-per-client", 0, 1_000_000));
        return new ServerSettings(reader.getString("voice.server.host"),
                reader.getInt("voice.server.port", 0, 65535), api,
                reader.getDuration("voice.server.read-timeout", ChronoUnit.SECONDS),
                reader.getDuration("voice.server.shutdown-grace", ChronoUnit.SECONDS),
                reader.getBoolean("voice.logging.json"), connections);
    }

    /** A size, or {@code auto}: a quarter of the largest heap the JVM may grow to, leaving the rest for everything else. */
    private static long maxBytesInFlight(SettingsReader reader) {
        String path = "voice.limits.max-bytes-in-flight";
        if (AUTO.equalsIgnoreCase(reader.getString(path).strip())) {
            return Runtime.getRuntime().maxMemory() / 4;
        }
        long bytes = reader.getBytes(path);
        if (bytes < 1) {
            throw reader.invalid(path, "is not auto or a size of at least 1 byte such as 256MB");
        }
        return bytes;
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, api, readTimeout, shutdownGrace, jsonLogs, connections);
    }
}
