package io.voiceplatform.tools.mock;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code voice mock-provider}: an OpenAI-compatible upstream with latency and faults, for tests and drills. */
@Command(name = "mock-provider", mixinStandardHelpOptions = true, description = "Run a programmable OpenAI-compatible upstream (latency, faults) on loopback.")
public final class MockProviderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "TCP port (0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Listen address (default 127.0.0.1).")
    String host;

    @Option(names = "--latency", paramLabel = "D", defaultValue = "0ms", description = "50ms, or a random range 20ms..200ms.")
    String latency;

    @Option(names = "--fail-rate", paramLabel = "R", defaultValue = "0", description = "Share of requests, 0..1, that get the fault.")
    double failRate;

    @Option(names = "--mode", paramLabel = "M", defaultValue = "500", description = "The fault: 500, 503, 429, 401, hang, reset, drip, malformed, empty, wrong-type.")
    String mode;

    @Option(names = "--retry-after", paramLabel = "S", defaultValue = "1", description = "Seconds sent with 429.")
    int retryAfter;

    public MockProviderCommand() {
        // Made by picocli.
    }

    /** Serves until the process is stopped (SIGTERM, Ctrl-C), whose shutdown hook closes the provider. */
    @Override
    public Integer call() throws InterruptedException {
        Fault fault = Fault.parse(mode).orElseThrow(() -> new IllegalArgumentException("--mode takes one of "
                + Arrays.stream(Fault.values()).map(Fault::id).collect(Collectors.joining(", "))));
        Duration[] range = FaultPlan.parseLatency(latency);
        FaultProvider provider = FaultProvider.start(new FaultPlan(range[0], range[1], failRate, fault, retryAfter), host, port);
        Runtime.getRuntime().addShutdownHook(new Thread(provider::close, "mock-provider-stop"));
        spec.commandLine().getOut().printf("mock provider on http://%s:%d/v1 (latency %s, fail rate %s, mode %s)%n",
                host, provider.port(), latency, failRate, fault.id());
        spec.commandLine().getOut().flush();
        provider.awaitClose();
        return 0;
    }
}
