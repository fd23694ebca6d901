package io.voiceplatform.tools.soak;

import io.voiceplatform.tools.mock.Fault;
import io.voiceplatform.tools.mock.FaultPlan;
import io.voiceplatform.tools.mock.FaultProvider;
import io.voiceplatform.tools.validate.LoadPlan;
import io.voiceplatform.tools.validate.ReportFiles;
import io.voiceplatform.tools.validate.TerminalSummary;
import io.voiceplatform.tools.validate.ValidationReport;
import io.voiceplatform.tools.validate.ValidationRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code voice soak}: the real service from the distribution, its only provider the OpenAI plugin pointed at the
 * mock provider (in this JVM) failing 5 % of the time, driven by the validation's open-loop load at a fixed rate
 * for a fixed time, then judged by {@link SoakJudgement}. Exit 0 when it passed, 1 when it failed, 2 for bad usage.
 */
@Command(name = "soak", mixinStandardHelpOptions = true, description = {
        "Run the service of this distribution against an upstream that fails 5 %% of the time, drive it at a fixed rate"
                + " and judge it: no request lost, no growth of heap after GC, a thread count that levels off.",
        "Writes the validation's reports (soak.md, soak.json), the service's configuration and log to --out."
                + " Exit 0 when the soak passed, 1 when it failed."})
public final class SoakCommand implements Callable<Integer> {
    private static final int FAILED = 1;
    /** 20..80 ms, and 503 on 5 % of requests: the service's retries get work, a request may still fail correctly. */
    private static final FaultPlan UPSTREAM = new FaultPlan(Duration.ofMillis(20), Duration.ofMillis(80), 0.05, Fault.ERROR_503, 1);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final double REPEAT_SHARE = 0.3;
    private static final double STT_SHARE = 0.5;
    private static final double MAX_MINUTES = 7 * 24 * 60;

    @Spec
    CommandSpec spec;

    @Option(names = "--minutes", paramLabel = "N", defaultValue = "30", description = "How long the load runs (default ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "20",
            description = "Requests started per second, whatever the answers (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the reports, the service's configuration and its log go (default voice-soak-<date>-<time>).")
    Path out;

    @Option(names = "--voice", paramLabel = "FILE",
            description = "The launcher of the service to soak (default: bin/voice of the distribution this command runs from).")
    Path launcher;

    public SoakCommand() {
        // Made by picocli.
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Duration duration = duration();
        Path voice = launcher();
        Path dir = out != null ? out
                : Path.of("voice-soak-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        PrintWriter stdout = spec.commandLine().getOut();
        try (FaultProvider upstream = FaultProvider.start(UPSTREAM, "127.0.0.1", 0)) {
            Path config = dir.resolve("soak.conf");
            Files.writeString(config, serviceConfiguration(upstream.port()));
            try (ServiceProcess service = ServiceProcess.start(voice, config, dir.resolve("service.log"))) {
                stdout.printf(Locale.ROOT, "soak: %s min at %s requests/s against %s (upstream fails 5 %%)%n",
                        number(minutes), number(rate), service.url());
                stdout.flush();
                // Open loop; VOICE_API_KEY as voice validate sends it, for a service started with VOICE_API_KEYS.
                LoadPlan plan = new LoadPlan(service.url(), 1, rate, duration, REQUEST_TIMEOUT, REPEAT_SHARE, STT_SHARE,
                        System.getenv("VOICE_API_KEY"), false, Long.MAX_VALUE);
                ValidationReport report = new ValidationRun(plan, spec.commandLine().getErr()).execute();
                ReportFiles files = ReportFiles.at(dir.resolve("soak"));
                files.write(report);
                TerminalSummary.print(report, files, stdout);
                return verdict(SoakJudgement.of(report.totals(), report.samples(), minutes), stdout);
            }
        }
    }

    private static int verdict(SoakJudgement judgement, PrintWriter stdout) {
        stdout.println("soak: " + judgement.summary());
        if (judgement.passed()) {
            stdout.println("soak: passed");
        } else {
            stdout.println("soak: FAILED: " + String.join("; ", judgement.problems()));
        }
        stdout.flush();
        return judgement.passed() ? 0 : FAILED;
    }

    /** The performance module and both caches on, the upstream the only provider, no rate limit in the way. */
    private static String serviceConfiguration(int upstreamPort) {
        return """
                voice.stt.providers = ["openai"]
                voice.tts.providers = ["openai"]
                voice.providers.local.enabled = false
                voice.providers.openai.enabled = true
                voice.providers.openai.api-key = "sk-soak"
                voice.providers.openai.base-url = "http://127.0.0.1:%d/v1"
                voice.server.rate-limit.per-minute = 1000000
                voice.performance.enabled = true
                voice.performance.stt.cache.enabled = true
                voice.performance.tts.cache.enabled = true
                """.formatted(upstreamPort);
    }

    private Duration duration() {
        if (!(minutes > 0 && minutes <= MAX_MINUTES)) {
            throw usage("--minutes must be more than 0 and at most " + number(MAX_MINUTES));
        }
        if (!(rate > 0 && rate <= 100_000)) {
            throw usage("--rate must be more than 0 and at most 100000 requests per second");
        }
        return Duration.ofMillis(Math.max(1, Math.round(minutes * 60_000)));
    }

    /** --voice, or bin/voice of the distribution whose lib/ holds this class's jar. */
    private Path launcher() {
        Path voice = launcher != null ? launcher : besideThisJar();
        if (voice == null || !Files.isRegularFile(voice) || !Files.isExecutable(voice)) {
            throw usage((launcher != null ? "--voice " + launcher + " is not an executable file"
                    : "this is not a distribution (no bin/voice beside lib/)") + ": run bin/voice soak or name the launcher with --voice");
        }
        return voice;
    }

    private static Path besideThisJar() {
        CodeSource source = SoakCommand.class.getProtectionDomain().getCodeSource();
        try {
            Path lib = source == null ? null : Path.of(source.getLocation().toURI()).getParent();
            return lib == null || lib.getParent() == null ? null : lib.getParent().resolve("bin").resolve("voice");
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** 2 rather than 2.0. */
    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
