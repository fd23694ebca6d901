package io.voiceplatform.providers.testkit;

import io.voiceplatform.api.SpeechProvider;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.plugin.HttpTransport;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.api.plugin.ProviderSettings;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * A {@link MockWebServer} standing in for the provider in a plugin's wire-format tests, and the plugin's providers
 * created against it: a JUnit 5 extension that starts a fresh server before each test and, after it, closes what
 * it created and stops the server.
 *
 * <pre>{@code
 * @RegisterExtension
 * final MockProviderServer mock = new MockProviderServer(new AcmePlugin(), url -> Map.of("enabled", "true", "base-url", url));
 * }</pre>
 */
public final class MockProviderServer implements BeforeEachCallback, AfterEachCallback {
    private final ProviderPlugin plugin;
    private final Function<String, Map<String, String>> settings;
    private final List<SpeechProvider> created = new ArrayList<>();
    private MockWebServer server;
    private ScheduledExecutorService scheduler;
    private HttpTransport transport;

    /** @param settings the plugin's settings for a provider at the given root URL (ending in {@code /}) */
    public MockProviderServer(ProviderPlugin plugin, Function<String, Map<String, String>> settings) {
        this.plugin = plugin;
        this.settings = settings;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mock-provider-timer");
            thread.setDaemon(true);
            return thread;
        });
        transport = HttpClient.newHttpClient()::sendAsync;
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        created.forEach(SpeechProvider::close);
        created.clear();
        scheduler.shutdownNow();
        server.shutdown();
    }

    public MockWebServer server() {
        return server;
    }

    /** What the platform hands the plugin: its settings for this server with {@code overrides}, a transport, a scheduler. */
    public ProviderContext context(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(settings.apply(server.url("/").toString()));
        values.putAll(overrides);
        return new ProviderContext(new ProviderSettings("voice.providers." + plugin.id(), values), transport, scheduler);
    }

    /** The plugin's STT provider with {@code overrides}; closed after the test. */
    public SttProvider stt(Map<String, String> overrides) {
        return created(plugin.createStt(context(overrides)).orElseThrow(() -> new AssertionError("the plugin created no STT provider")));
    }

    /** The plugin's TTS provider with {@code overrides}; closed after the test. */
    public TtsProvider tts(Map<String, String> overrides) {
        return created(plugin.createTts(context(overrides)).orElseThrow(() -> new AssertionError("the plugin created no TTS provider")));
    }

    private <P extends SpeechProvider> P created(P provider) {
        created.add(provider);
        return provider;
    }

    /** A JSON answer with {@code status} and the fixture's body. */
    public static MockResponse json(int status, String fixture) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(fixture(fixture));
    }

    /** A fixture of the plugin's tests: {@code /fixtures/<name>} on the test class path. */
    public static String fixture(String name) {
        try (InputStream in = MockProviderServer.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new AssertionError("no fixture /fixtures/" + name + " on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("fixture " + name + " cannot be read", e);
        }
    }
}
