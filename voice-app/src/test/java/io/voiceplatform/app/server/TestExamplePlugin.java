package io.voiceplatform.app.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin author's path: the example plugin's jar, built by the build, dropped into a fresh plugins
 * directory, is discovered and serves the requests that pin it with no other change; others only once it is listed. It speaks through voice-provider-support's
 * PcmAudio, which the platform shares with plugins, so its jar bundles nothing.
 */
@Timeout(120)
class TestExamplePlugin {
    /** The jar the reactor built in examples/echo-plugin (it builds before voice-app). */
    private static Path exampleJar() throws IOException {
        Path target = Path.of("..", "examples", "echo-plugin", "target").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("echo-plugin-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build examples/echo-plugin first: no jar in " + target));
        }
    }

    @Test
    void theJarHoldsOnlyTheExamplesOwnClassesThoughItUsesProviderSupport() throws IOException {
        try (JarFile jar = new JarFile(exampleJar().toFile())) {
            List<String> foreign = jar.stream().map(JarEntry::getName)
                    .filter(name -> name.endsWith(".class") && !name.startsWith("com/example/voice/echo/")).toList();
            assertEquals(List.of(), foreign);
        }
    }

    @Test
    void aJarDroppedIntoPluginsIsListedAndServes(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("plugins"));
        Files.copy(exampleJar(), dir.resolve("plugins").resolve("echo-plugin.jar"));
        try (ChildService child = ChildService.start(entry -> true, Map.of(), List.of(), dir)) {
            assertTrue(child.get("/v1/models").body().contains("\"id\":\"echo\""), child.get("/v1/models").body());
            HttpResponse<byte[]> speech = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + child.port + "/v1/audio/speech"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"echo\",\"input\":\"hello plugin\",\"response_format\":\"wav\"}"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, speech.statusCode());
            assertEquals("echo", speech.headers().firstValue("X-Voice-Provider").orElseThrow());
            assertEquals("RIFF", new String(speech.body(), 0, 4));
            String details = child.get("/health/details").body();
            assertTrue(details.contains("\"id\":\"echo\""), details);
        }
    }

    /**
     * A fake voice must never answer a real request: the voice "tone" is the echo plugin's alone, so only echo
     * could take an unpinned request for it, and it must not, until it is listed.
     */
    @Test
    void aJarDroppedIntoPluginsServesOnlyRequestsThatPinIt(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("plugins"));
        Files.copy(exampleJar(), dir.resolve("plugins").resolve("echo-plugin.jar"));
        try (ChildService child = ChildService.start(entry -> true, Map.of(), List.of(), dir)) {
            HttpResponse<byte[]> unpinned = child.speak("{\"model\":\"tts-1\",\"voice\":\"tone\",\"input\":\"hello\",\"response_format\":\"wav\"}");
            assertNotEquals(200, unpinned.statusCode(), new String(unpinned.body()));
            assertTrue(unpinned.headers().firstValue("X-Voice-Provider").isEmpty());
            HttpResponse<byte[]> pinned = child.speak("{\"model\":\"echo\",\"voice\":\"tone\",\"input\":\"hello\",\"response_format\":\"wav\"}");
            assertEquals(200, pinned.statusCode(), new String(pinned.body()));
            assertEquals("echo", pinned.headers().firstValue("X-Voice-Provider").orElseThrow());
        }
        try (ChildService child = ChildService.start(entry -> true, Map.of(), List.of("-Dvoice.tts.providers=local,echo"), dir)) {
            HttpResponse<byte[]> listed = child.speak("{\"model\":\"tts-1\",\"voice\":\"tone\",\"input\":\"hello\",\"response_format\":\"wav\"}");
            assertEquals(200, listed.statusCode(), new String(listed.body()));
            assertEquals("echo", listed.headers().firstValue("X-Voice-Provider").orElseThrow());
        }
    }
}
