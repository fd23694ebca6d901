package io.voiceplatform.tools.validate;

import io.voiceplatform.core.config.ConfigSources;
import io.voiceplatform.core.config.VoiceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code voice validate}: drives real STT and TTS load against a running service, measures latency, success,
 * the cache hit ratio on repeated inputs and the service's heap and CPU, and says whether it is READY. Exit
 * code 0 only for READY, 1 for any other verdict, 2 for bad usage, 78 when validation is disabled.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, description = {
        "Drive STT and TTS load against a running service, check it against the performance targets and write a"
                + " Markdown and a JSON report.",
        "Verdict READY (exit 0), NEEDS_OPTIMIZATION, NOT_READY or CRITICAL_ISSUES (exit 1)."})
public final class ValidateCommand implements Callable<Integer> {
    /** sysexits' EX_CONFIG, as for any configuration that stops a command. */
    static final int DISABLED = 78;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "The service's base URL (default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--users", paramLabel = "N", defaultValue = "10",
            description = "Closed loop: concurrent users, each sending its next request when the last is answered (default ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--rate", paramLabel = "N",
            description = "Open loop instead: requests started per second on schedule, whatever the answers.")
    Double rate;

    @Option(names = "--duration", paramLabel = "D", defaultValue = "300s", converter = DurationConverter.class,
            description = "How long new requests start: 500ms, 30s, 5m (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "30s", converter = DurationConverter.class,
            description = "Limit for each request (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Write FILE.md and FILE.json (FILE may end in .md or .json; default voice-validation-<date>-<time>).")
    Path report;

    @Option(names = "--repeat-share", paramLabel = "R", defaultValue = "0.3",
            description = "Share 0..1 of requests drawn from a small working set of repeated inputs (default ${DEFAULT-VALUE}).")
    double repeatShare;

    @Option(names = "--stt-share", paramLabel = "R", defaultValue = "0.5",
            description = "Share 0..1 of requests that are transcriptions; the rest is speech (default ${DEFAULT-VALUE}).")
    double sttShare;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "Sent as Authorization: Bearer (or env VOICE_API_KEY).")
    String apiKey;

    public ValidateCommand() {
        // Made by picocli.
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        LoadPlan plan = plan();
        ValidationSwitches switches = ValidationSwitches.read(loadConfig());
        if (!switches.enabled()) {
            spec.commandLine().getErr().println("error: validation is disabled (" + ValidationSwitches.ENABLED
                    + " / VOICE_V2_PERFORMANCE_VALIDATION_ENABLED)");
            spec.commandLine().getErr().flush();
            return DISABLED;
        }
        if (!switches.loadTestingEnabled()) {
            plan = plan.smoke();
        }
        ReportFiles files = report == null ? ReportFiles.byDefault(LocalDateTime.now()) : ReportFiles.at(report);
        ValidationReport result = new ValidationRun(plan, spec.commandLine().getErr()).execute();
        files.write(result);
        TerminalSummary.print(result, files, spec.commandLine().getOut());
        return result.verdict().exitCode();
    }

    private LoadPlan plan() {
        URI base;
        try {
            base = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw usage("--url '" + url + "' is not a URL");
        }
        if (!("http".equals(base.getScheme()) || "https".equals(base.getScheme())) || base.getHost() == null) {
            throw usage("--url '" + url + "' is not an http(s) URL with a host");
        }
        if (users < 1 || users > 10_000) {
            throw usage("--users must be from 1 to 10000");
        }
        if (rate != null && !(rate > 0 && rate <= 100_000)) {
            throw usage("--rate must be more than 0 and at most 100000 requests per second");
        }
        if (!(repeatShare >= 0 && repeatShare <= 1) || !(sttShare >= 0 && sttShare <= 1)) {
            throw usage("--repeat-share and --stt-share must be from 0 to 1");
        }
        String key = apiKey != null ? apiKey : System.getenv("VOICE_API_KEY");
        return new LoadPlan(base, users, rate, duration, timeout, repeatShare, sttShare, key, false, Long.MAX_VALUE);
    }

    /** The configuration as every command reads it: the root's --config file (or VOICE_CONFIG) over the defaults. */
    private VoiceConfig loadConfig() {
        OptionSpec config = spec.root().findOption("--config");
        Path file = config == null ? null : config.getValue();
        return VoiceConfig.load(ConfigSources.fromProcess(Path.of("").toAbsolutePath(), Optional.ofNullable(file)));
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
