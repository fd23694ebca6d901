package io.voiceplatform.app.cli;

import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.core.bootstrap.VoiceRuntime;
import io.voiceplatform.core.health.ProviderHealth;
import io.voiceplatform.core.registry.RegisteredProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code voice providers}: every discovered provider, where it came from, what it can do, its health. */
@Command(name = "providers", mixinStandardHelpOptions = true, description = "List the providers, their origin, capabilities and health.")
final class ProvidersCommand implements Callable<Integer> {
    @ParentCommand
    VoiceCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        VoiceCommand.quietLogs();
        PrintWriter out = spec.commandLine().getOut();
        try (VoiceRuntime runtime = VoiceRuntime.start(root.loadConfig())) {
            List<ProviderHealth> health = runtime.health().report().providers();
            for (RegisteredProvider p : runtime.registry().all()) {
                out.printf("%s  (%s)%s%n", p.id(), p.origin(), p.stt().isEmpty() && p.tts().isEmpty() ? "  disabled" : "");
                p.stt().ifPresent(stt -> describe(out, "stt", stt.capabilities(), health(health, p.id(), "stt")));
                p.tts().ifPresent(tts -> describe(out, "tts", tts.capabilities(), health(health, p.id(), "tts")));
            }
            out.flush();
        }
        return 0;
    }

    private static void describe(PrintWriter out, String operation, ProviderCapabilities c, String health) {
        out.printf("  %s: %s%n", operation, health);
        out.printf("    languages: %s%n", c.languages().isEmpty() ? "any" : sorted(c.languages()));
        if (operation.equals("stt")) {
            out.printf("    input formats: %s; max audio: %d bytes%n", formats(c.inputFormats()), c.maxAudioBytes());
        } else {
            out.printf("    output formats: %s; max text: %d characters%n", formats(c.outputFormats()), c.maxTextChars());
            out.printf("    voices: %s%n", c.voices().isEmpty() ? "any" : sorted(c.voices()));
        }
        out.printf("    models: %s; streaming: %s%n", c.models().isEmpty() ? "-" : String.join(", ", c.models()), c.streaming());
    }

    private static String health(List<ProviderHealth> all, String id, String operation) {
        return all.stream().filter(h -> h.id().equals(id) && h.operation().equals(operation)).findFirst()
                .map(h -> h.state() + " (circuit " + h.circuit() + ", " + h.detail() + ")").orElse("unknown");
    }

    private static String formats(Collection<AudioFormat> formats) {
        return formats.stream().map(AudioFormat::id).sorted().collect(Collectors.joining(", "));
    }

    private static String sorted(Collection<String> values) {
        return values.stream().sorted().collect(Collectors.joining(", "));
    }
}
