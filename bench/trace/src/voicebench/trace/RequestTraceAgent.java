package voicebench.trace;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameContains;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * A Java agent for bench/request-path: advises every method and constructor of the classes under a package prefix
 * (default {@code io.voiceplatform.}) so that, while recording is on, each entry is recorded as (thread, class).
 *
 * <p>Argument: {@code dir=CONTROL_DIR[,prefix=io.voiceplatform.][,poll-ms=2]}. The agent polls CONTROL_DIR:
 * <ul>
 *   <li>a file {@code record} present switches recording on, its absence off; the agent then writes {@code state}
 *       ({@code on} or {@code off}) so that the caller knows the switch took effect;</li>
 *   <li>a file {@code NAME.dump-request} makes it write the entries recorded since the last dump to
 *       {@code NAME.tsv} (complete when it appears) and delete the request.</li>
 * </ul>
 *
 * <p>Lambda bodies are synthetic methods of their enclosing class, so they count for it; the hidden classes that
 * implement lambdas, and other generated classes (names with {@code $$} or {@code /}), are not instrumented.
 */
public final class RequestTraceAgent {
    private static final AtomicInteger INSTRUMENTED = new AtomicInteger();
    private static final AtomicInteger ERRORS = new AtomicInteger();

    private RequestTraceAgent() {
    }

    /** Inlined at the start of every advised method and constructor. */
    public static final class EnterAdvice {
        private EnterAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Origin("#t") String type) {
            if (Recorder.on) {
                Recorder.enter(type);
            }
        }
    }

    public static void premain(String args, Instrumentation inst) {
        Path dir = null;
        String prefix = "io.voiceplatform.";
        long pollMs = 2;
        for (String part : (args == null ? "" : args).split(",")) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? "dir" : part.substring(0, eq).trim();
            String value = eq < 0 ? part.trim() : part.substring(eq + 1).trim();
            switch (key) {
                case "dir" -> dir = value.isEmpty() ? null : Path.of(value);
                case "prefix" -> prefix = value;
                case "poll-ms" -> pollMs = Long.parseLong(value);
                default -> throw new IllegalArgumentException("request-trace: unknown agent option " + key);
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("request-trace: -javaagent:trace.jar=dir=CONTROL_DIR is required");
        }

        new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.Listener.StreamWriting.toSystemError().withErrorsOnly())
                .with(new AgentBuilder.Listener.Adapter() {
                    @Override
                    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module,
                            boolean loaded, DynamicType dynamicType) {
                        INSTRUMENTED.incrementAndGet();
                    }

                    @Override
                    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
                            Throwable throwable) {
                        ERRORS.incrementAndGet();
                    }
                })
                .ignore(not(nameStartsWith(prefix)).or(nameContains("$$")).or(nameContains("/")).or(isSynthetic()))
                .type(nameStartsWith(prefix))
                .transform((builder, type, loader, module, domain) -> builder.visit(
                        Advice.to(EnterAdvice.class).on(isMethod().or(isConstructor())
                                .and(not(isAbstract())).and(not(isNative())))))
                .installOn(inst);

        Thread poller = new Thread(new Control(dir, pollMs, prefix), "request-trace-control");
        poller.setDaemon(true);
        poller.start();
        System.err.println("request-trace: advising " + prefix + "* ; control directory " + dir);
    }

    /** Polls the control directory: recording on/off and dump requests. */
    private static final class Control implements Runnable {
        private final Path dir;
        private final long pollMs;
        private final String prefix;

        Control(Path dir, long pollMs, String prefix) {
            this.dir = dir;
            this.pollMs = pollMs;
            this.prefix = prefix;
        }

        @Override
        public void run() {
            try {
                Files.createDirectories(dir);
                writeState(false);
            } catch (IOException e) {
                System.err.println("request-trace: control directory " + dir + ": " + e);
                return;
            }
            boolean on = false;
            while (true) {
                try {
                    boolean want = Files.exists(dir.resolve("record"));
                    if (want != on) {
                        on = want;
                        Recorder.on = want;
                        writeState(want);
                    }
                    try (DirectoryStream<Path> requests = Files.newDirectoryStream(dir, "*.dump-request")) {
                        for (Path request : requests) {
                            String file = request.getFileName().toString();
                            String name = file.substring(0, file.length() - ".dump-request".length());
                            Recorder.dump(dir.resolve(name + ".tsv"), "request-trace prefix=" + prefix
                                    + " instrumented_classes=" + INSTRUMENTED.get()
                                    + " instrumentation_errors=" + ERRORS.get() + " recording=" + on);
                            Files.deleteIfExists(request);
                        }
                    }
                    Thread.sleep(pollMs);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    System.err.println("request-trace: " + e);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }

        private void writeState(boolean on) throws IOException {
            Path tmp = dir.resolve("state.tmp");
            Files.writeString(tmp, on ? "on\n" : "off\n", StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve("state"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
