package io.voiceplatform.app.cli;

import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.core.bootstrap.VoiceRuntime;
import io.voiceplatform.core.pipeline.Routing;
import io.voiceplatform.core.pipeline.RequestContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

/** {@code voice speak "TEXT" -o FILE}: writes real speech to a file. */
@Command(name = "speak", mixinStandardHelpOptions = true, description = "Synthesize speech from text into an audio file.")
final class SpeakCommand implements Callable<Integer> {
    @ParentCommand
    VoiceCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TEXT", description = "The text to speak.")
    String text;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Where to write the audio.")
    Path output;

    @Option(names = "--voice", paramLabel = "V", description = "A voice name (see 'voice providers').")
    String voice;

    @Option(names = "--provider", paramLabel = "P", description = "Try this provider first.")
    String provider;

    @Option(names = "--format", paramLabel = "F", description = "wav, mp3, flac, opus, pcm, ... (default: from the file name, else wav).")
    String format;

    @Option(names = "--language", paramLabel = "L", description = "A language tag such as en-US.")
    String language;

    @Option(names = "--speed", paramLabel = "S", defaultValue = "1.0", description = "0.25 to 4.0 (default 1.0).")
    double speed;

    @Override
    public Integer call() throws IOException {
        VoiceCommand.quietLogs();
        AudioFormat audioFormat = chosenFormat();
        SpeechRequest request = new SpeechRequest(text, Optional.ofNullable(voice), language, audioFormat, speed, Optional.empty());
        long start = System.nanoTime();
        try (VoiceRuntime runtime = VoiceRuntime.start(root.loadConfig())) {
            Routing routing = provider == null ? Routing.auto() : Routing.pin(provider);
            SynthesizedSpeech speech;
            try (RequestContext context = runtime.pipeline().context(UUID.randomUUID().toString(), CommandLineCaller.NAME)) {
                speech = runtime.pipeline().synthesize(request, routing, context).join();
            }
            byte[] audio = speech.audio().toByteArray();
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(output, audio);
            spec.commandLine().getOut().printf("wrote %s: %d bytes of %s, %.2f s of speech, by %s in %d ms%n", output,
                    audio.length, audioFormat.id(), speech.duration().toMillis() / 1000.0, speech.provider(),
                    (System.nanoTime() - start) / 1_000_000);
        }
        return 0;
    }

    private AudioFormat chosenFormat() {
        if (format != null) {
            return AudioFormat.fromId(format).orElseThrow(() -> new IllegalArgumentException("unknown format '" + format + "'"));
        }
        return FileNames.formatOf(output).orElse(AudioFormat.WAV);
    }
}
