package io.voiceplatform.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.TimestampDetail;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.app.openai.TranscriptFormat;
import io.voiceplatform.core.audio.AudioFormatDetector;
import io.voiceplatform.core.bootstrap.VoiceRuntime;
import io.voiceplatform.core.pipeline.RequestContext;
import io.voiceplatform.core.pipeline.Routing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

/** {@code voice transcribe FILE}: prints what was said. */
@Command(name = "transcribe", mixinStandardHelpOptions = true, description = "Transcribe an audio file and print the text.")
final class TranscribeCommand implements Callable<Integer> {
    @ParentCommand
    VoiceCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The audio file (wav, mp3, mpga, mpeg, m4a, mp4, ogg, flac, webm).")
    Path file;

    @Option(names = "--language", paramLabel = "L", description = "A language tag such as en-US (default: auto).")
    String language;

    @Option(names = "--provider", paramLabel = "P", description = "Try this provider first.")
    String provider;

    @Option(names = "--format", paramLabel = "F", defaultValue = "text", description = "text, json, srt or vtt (default text).")
    String format;

    @Override
    public Integer call() throws IOException {
        VoiceCommand.quietLogs();
        TranscriptFormat output = TranscriptFormat.fromId(format).filter(f -> f != TranscriptFormat.VERBOSE_JSON)
                .orElseThrow(() -> new IllegalArgumentException("--format takes text, json, srt or vtt"));
        if (Files.isDirectory(file)) {
            // Reading one fails with the bare "Is a directory", which names no path.
            throw new IllegalArgumentException(file + " is a directory, not an audio file");
        }
        byte[] bytes = Files.readAllBytes(file);
        AudioFormat detected = AudioFormatDetector.detect(Arrays.copyOf(bytes, Math.min(bytes.length, AudioFormatDetector.HEAD_BYTES)))
                .orElseThrow(() -> new IllegalArgumentException(file + " is not audio in a supported format"));
        // ".ogg" names Ogg Opus or Ogg Vorbis alike: the bytes tell which.
        FileNames.formatOf(file).filter(declared -> declared != detected && !(declared == AudioFormat.OGG_OPUS
                && detected == AudioFormat.OGG_VORBIS)).ifPresent(declared -> {
            throw new IllegalArgumentException(file + " is named as " + declared.id() + " but its bytes are " + detected.id());
        });
        TimestampDetail detail = output == TranscriptFormat.TEXT ? TimestampDetail.NONE : TimestampDetail.SEGMENT;
        TranscriptionRequest request = new TranscriptionRequest(Audio.of(bytes, detected), language, "", detail, Optional.empty());
        try (VoiceRuntime runtime = VoiceRuntime.start(root.loadConfig())) {
            Routing routing = provider == null ? Routing.auto() : Routing.pin(provider);
            Transcript transcript;
            try (RequestContext context = runtime.pipeline().context(UUID.randomUUID().toString(), CommandLineCaller.NAME)) {
                transcript = runtime.pipeline().transcribe(request, routing, context).join();
            }
            Object rendered = (output == TranscriptFormat.JSON ? TranscriptFormat.VERBOSE_JSON : output).render(transcript, false);
            String text = rendered instanceof String s ? s
                    : new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rendered) + "\n";
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
