package io.voiceplatform.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Real recordings made by {@code scripts/audio-samples.sh} (espeak-ng, sox and ffmpeg, installed by the script when
 * missing), once per test JVM: "hello world" in every upload format of the OpenAI API at several rates, and long
 * recordings on demand.
 */
public final class TestingAudioFiles {
    private static Path made;

    private TestingAudioFiles() {
    }

    /** Every recording of "hello world", named by format, rate, width and channels (e.g. {@code wav-8k-u8-mono.wav}). */
    public static synchronized List<Path> helloWorld() {
        if (made == null) {
            Path dir = tempDir("voice-audio-");
            run("make", dir.toString());
            made = dir;
        }
        try (Stream<Path> files = Files.list(made)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One recording of "hello world" by its file name. */
    public static Path helloWorld(String name) {
        return helloWorld().stream().filter(file -> file.getFileName().toString().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sample " + name));
    }

    /** {@code seconds} of continuous speech, a 16-bit mono WAV at 22.05 kHz. */
    public static Path longSpeech(int seconds) {
        Path dir = tempDir("voice-long-");
        run("long", dir.toString(), Integer.toString(seconds));
        return dir.resolve("long-" + seconds + ".wav");
    }

    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(String... arguments) {
        Path script = script();
        try {
            Process process = new ProcessBuilder(Stream.concat(Stream.of("bash", script.toString()), Stream.of(arguments)).toList())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("scripts/audio-samples.sh " + String.join(" ", arguments) + " took over 5 minutes");
            }
            if (process.exitValue() != 0) {
                fail("scripts/audio-samples.sh " + String.join(" ", arguments) + " failed with " + process.exitValue()
                        + " (it installs espeak-ng, sox and ffmpeg when they are missing: that needs root or sudo)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** scripts/audio-samples.sh of the checkout the tests run in. */
    private static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("scripts").resolve("audio-samples.sh");
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        throw new IllegalStateException("scripts/audio-samples.sh not found above " + Path.of("").toAbsolutePath());
    }
}
